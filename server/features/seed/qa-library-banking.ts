import type { QaSeedEntry } from './qa-library-entry.js'

/** The demo bank's Q&A library, banking topics (insurance, deposit, loan, general). */
export const BANKING_ENTRIES: QaSeedEntry[] = [
  {
    key: 'ins-critical-illness',
    topic: 'insurance',
    tags: ['重疾险', '保障'],
    question: '重疾险有必要买吗？',
    alternatives: ['要不要买重大疾病保险'],
    answer:
      '重疾险在确诊合同约定的重大疾病后一次性给付保险金，用来弥补治疗期间的收入损失和康复费用，和报销型的医疗险作用不同，家庭经济支柱尤其需要关注。保额一般建议覆盖 3–5 年收入。具体要看健康告知和保险条款，我可以约保险专员为您做保障规划。',
  },
  {
    key: 'ins-cooling-off',
    topic: 'insurance',
    tags: ['犹豫期', '退保'],
    question: '买了保险不想要了能退吗？',
    alternatives: ['保险犹豫期是多久', '退保会亏吗'],
    answer:
      '一年期以上的人身保险一般有 15 天犹豫期，犹豫期内退保可以退还已交保费（扣除少量工本费）；犹豫期后退保只能退现金价值，前几年通常低于已交保费，会有损失。退保前建议先了解能否通过减额交清等方式保留保障。',
  },
  {
    key: 'ins-annuity',
    topic: 'insurance',
    tags: ['年金险', '养老'],
    question: '养老年金保险怎么样？',
    alternatives: ['给自己存养老钱买什么'],
    answer:
      '养老年金保险在约定的领取年龄后定期给付，可以提供长期稳定的现金流，适合有强制储蓄和养老规划需求的客户。它期限长、流动性较低，提前退保可能有损失。配置前需要结合您的年龄、收入和已有的养老安排评估。',
  },
  {
    key: 'ins-medical',
    topic: 'insurance',
    tags: ['医疗险', '社保'],
    question: '百万医疗险和社保有什么关系？',
    alternatives: ['有医保还需要医疗险吗'],
    answer:
      '百万医疗险一般在社保报销之后，对剩余的合规医疗费用在免赔额以上的部分进行报销，是社保的补充，主要覆盖大额住院费用。它多为一年期产品，需要关注续保条件和健康告知。',
  },
  {
    key: 'ins-claims',
    topic: 'insurance',
    tags: ['理赔'],
    question: '保险理赔怎么申请？',
    alternatives: ['出险了怎么报案'],
    answer:
      '发生保险事故后请尽快拨打保险公司客服电话报案，并按要求准备病历、发票、诊断证明等材料，通过保险公司 APP 或柜台提交。在本行购买的保险，我可以协助您联系保险公司并跟进进度。',
  },
  {
    key: 'ins-kids-education',
    topic: 'insurance',
    tags: ['教育金', '子女'],
    question: '孩子的教育金保险值得买吗？',
    alternatives: ['给小孩存教育费用'],
    answer:
      '教育金保险在孩子上学的关键阶段按约定给付资金，强制储蓄、专款专用，适合希望提前规划教育费用的家庭。它流动性较低，建议先配置好孩子的医疗和意外保障，再考虑教育金。',
  },
  {
    key: 'ins-dividend',
    topic: 'insurance',
    tags: ['分红险'],
    question: '分红险的分红是固定的吗？',
    alternatives: ['分红险演示的利益能拿到吗'],
    answer:
      '分红险的分红不固定，取决于保险公司的实际经营情况，可能为零；销售时的利益演示仅供参考，不代表实际可以拿到的金额。选择时应重点看合同中的保证利益部分。',
  },
  {
    key: 'ins-bank-sold',
    topic: 'insurance',
    tags: ['代销'],
    question: '在银行买的保险是银行的产品吗？',
    alternatives: ['银行卖的保险谁负责'],
    answer:
      '本行销售的保险产品由保险公司提供，本行是代理销售机构，保险合同由您和保险公司签订，承保和理赔由保险公司负责。本行负责如实介绍产品并协助售后服务。',
  },

  {
    key: 'dep-large-cd',
    topic: 'deposit',
    tags: ['大额存单'],
    question: '大额存单利率多少？',
    alternatives: ['大额存单和定期哪个好'],
    answer:
      '个人大额存单 20 万元起存，期限有 1 个月到 3 年多档，利率一般高于同期限普通定期，以当日发行公告为准。部分大额存单可以在到期前转让，流动性比普通定期好。存款受存款保险制度保护。',
  },
  {
    key: 'dep-early-withdraw',
    topic: 'deposit',
    tags: ['定期', '提前支取'],
    question: '定期存款提前取会损失利息吗？',
    alternatives: ['定期没到期能取吗'],
    answer:
      '定期存款可以提前支取，提前支取的部分一般按支取日的活期利率计息，会损失利息。部分提前支取只能办一次，剩余部分按原利率继续计息。如果只是临时周转，也可以考虑存单质押贷款。',
  },
  {
    key: 'dep-insurance-scheme',
    topic: 'deposit',
    tags: ['存款保险', '银行倒闭'],
    question: '存款在银行安全吗？',
    alternatives: ['存款保险赔多少'],
    answer:
      '我国实行存款保险制度，同一存款人在同一家银行所有被保险存款账户的本金和利息合并计算，50 万元以内（含）全额赔付。本行已依法投保存款保险。',
  },
  {
    key: 'dep-rate-cut',
    topic: 'deposit',
    tags: ['利率'],
    question: '存款利率还会降吗？',
    alternatives: ['现在该存长期还是短期'],
    answer:
      '存款利率随市场利率和监管政策调整，我们无法预测具体变动。如果资金确定长期不用，可以考虑锁定较长期限；如果对流动性要求高，可以采用阶梯存款（把资金分成几份存不同期限），兼顾利息和灵活性。',
  },
  {
    key: 'dep-smart-deposit',
    topic: 'deposit',
    tags: ['活期', '现金管理'],
    question: '活期怎么能多点利息？',
    alternatives: ['活期钱放着不动太亏了'],
    answer:
      '短期不用但要随时能取的钱，可以考虑通知存款、货币基金或每日开放型理财，流动性较好，收益一般高于活期（理财和基金不保本）。按您资金的使用时间，我可以帮您挑合适的工具。',
  },
  {
    key: 'dep-certificate',
    topic: 'deposit',
    tags: ['存款证明', '签证'],
    question: '怎么开存款证明？',
    alternatives: ['存款证明在哪里办'],
    answer:
      '存款证明需要到网点办理，携带本人身份证和银行卡；办理时相应金额会冻结到证明到期日。办理签证常用，建议提前确认使领馆对金额和冻结期限的要求。',
  },
  {
    key: 'dep-auto-renew',
    topic: 'deposit',
    tags: ['定期', '转存'],
    question: '定期到期了会自动转存吗？',
    alternatives: ['存款到期不取怎么办'],
    answer:
      '办理定期时如果选择了自动转存，到期后会按当日同期限利率自动转存；没有选择的，到期后按活期计息。您可以在手机银行查看和修改转存设置。',
  },
  {
    key: 'dep-pension-account',
    topic: 'deposit',
    tags: ['个人养老金'],
    question: '个人养老金账户怎么开？',
    alternatives: ['个人养老金有什么好处'],
    answer:
      '个人养老金账户可以在本行手机银行开立，每年缴存上限 12000 元，缴存额可以在个人所得税前扣除，账户资金可以购买养老储蓄、理财、基金和保险等产品。达到领取条件（如退休）前一般不能取出。',
  },

  {
    key: 'loan-mortgage-prepay',
    topic: 'loan',
    tags: ['房贷', '提前还款'],
    question: '房贷可以提前还款吗？',
    alternatives: ['提前还房贷要预约吗', '提前还贷划算吗'],
    answer:
      '可以。通过手机银行或网点申请提前还款，部分还款或全部结清都可以，一般需要提前预约。是否划算要看贷款利率、您资金的其他用途，以及是否处在还款前期（前期利息占比高）。是否收取违约金以您的借款合同约定为准。',
  },
  {
    key: 'loan-consumer',
    topic: 'loan',
    tags: ['消费贷'],
    question: '有没有利息低的消费贷？',
    alternatives: ['个人信用贷款'],
    answer:
      '本行有个人消费贷款，可以用于装修、购车、教育等合法消费，额度和利率根据您的资信情况审批确定，年化利率会在申请页面明示。贷款资金不得用于购房、炒股或购买理财。可以在手机银行“贷款”频道申请测额。',
  },
  {
    key: 'loan-credit-card-installment',
    topic: 'loan',
    tags: ['信用卡', '分期'],
    question: '信用卡分期手续费怎么算？',
    alternatives: ['分期划算吗'],
    answer:
      '信用卡分期按期收取手续费，每期手续费等于分期本金乘以每期费率，折算成年化利率会明显高于名义费率，申请页面会展示年化利率。提前还款时已收的手续费一般不退。建议按实际需要选择期数。',
  },
  {
    key: 'loan-rate-adjust',
    topic: 'loan',
    tags: ['房贷', '利率'],
    question: '房贷利率能降吗？',
    alternatives: ['存量房贷利率调整'],
    answer:
      '存量房贷利率按借款合同约定的定价基准（如 LPR）和加点幅度，在重定价日调整。相关政策调整时，本行会按监管要求办理，您可以在手机银行查询当前执行利率和重定价日。',
  },
  {
    key: 'loan-business',
    topic: 'loan',
    tags: ['经营贷'],
    question: '做生意能贷款吗？',
    alternatives: ['个体户经营贷'],
    answer:
      '个体工商户和小微企业主可以申请个人经营贷款，需要提供营业执照、经营流水等材料，可以信用或抵押方式申请，额度和利率根据审批确定。贷款只能用于生产经营，不得挪用于购房或投资。',
  },
  {
    key: 'loan-credit-report',
    topic: 'loan',
    tags: ['征信', '逾期'],
    question: '贷款逾期会影响征信吗？',
    alternatives: ['还款晚了几天怎么办'],
    answer:
      '贷款或信用卡逾期会报送征信系统，不良记录自结清之日起保存 5 年，可能影响今后的贷款审批。如果遇到临时困难，请尽早联系我们协商，不要等逾期后再处理。',
  },
  {
    key: 'loan-pledge',
    topic: 'loan',
    tags: ['质押贷款', '存单'],
    question: '存单可以质押贷款吗？',
    alternatives: ['急用钱但定期没到期'],
    answer:
      '可以。本行的定期存单、大额存单等可以办理质押贷款，不需要提前支取存款，贷款期限一般不超过存单到期日，手续较简便。需要的话我帮您预约办理。',
  },
  {
    key: 'loan-car',
    topic: 'loan',
    tags: ['车贷'],
    question: '买车贷款怎么办？',
    alternatives: ['汽车分期怎么申请'],
    answer:
      '可以申请个人汽车消费贷款，一般需要首付（比例按监管和车型规定），提供身份证明、收入证明和购车合同，利率和期限根据审批确定。也可以用信用卡汽车分期，手续费以页面公示为准。',
  },

  {
    key: 'gen-mobile-banking-limit',
    topic: 'general',
    tags: ['手机银行', '限额'],
    question: '手机银行转账限额怎么调？',
    alternatives: ['转账额度不够'],
    answer:
      '可以在手机银行“安全中心—限额设置”调整，有数字证书等安全工具保护时可以调到较高额度；超过线上上限的，需要本人携带身份证到网点办理。为保护资金安全，调高额度时请确认是本人操作。',
  },
  {
    key: 'gen-card-loss',
    topic: 'general',
    tags: ['挂失', '补卡'],
    question: '银行卡丢了怎么办？',
    alternatives: ['卡丢了怎么挂失'],
    answer:
      '请立即通过手机银行或拨打本行客服电话办理临时挂失，再携带身份证到网点办理正式挂失和补卡。补卡后原卡号可以保留，绑定的代扣业务可能需要重新确认。',
  },
  {
    key: 'gen-fraud',
    topic: 'general',
    tags: ['防诈骗'],
    question: '有人冒充银行让我转账怎么办？',
    alternatives: ['接到可疑电话说是银行的'],
    answer:
      '本行工作人员不会要求您向“安全账户”转账，也不会索要短信验证码和密码。遇到可疑电话请立即挂断，通过本行官方客服电话核实；如果已经转账，请立即报警并联系我们。',
  },
  {
    key: 'gen-branch-hours',
    topic: 'general',
    tags: ['网点'],
    question: '网点周末营业吗？',
    alternatives: ['银行几点下班'],
    answer:
      '各网点营业时间不同，部分网点周末提供服务，请在手机银行“网点查询”查看具体营业时间和排队情况。大额取现或特殊业务建议提前预约，我也可以帮您预约。',
  },
  {
    key: 'gen-update-id',
    topic: 'general',
    tags: ['身份证', '证件更新'],
    question: '身份证换了银行要更新吗？',
    alternatives: ['证件到期了银行卡还能用吗'],
    answer:
      '需要。身份证更换或到期后，请在手机银行拍照上传，或到网点更新证件信息，否则可能影响部分交易。这是监管对客户身份识别的要求。',
  },
  {
    key: 'gen-account-freeze',
    topic: 'general',
    tags: ['账户限制'],
    question: '账户被冻结了怎么办？',
    alternatives: ['卡突然不能用了'],
    answer:
      '账户受限可能由证件过期、长期不动户、可疑交易核查或司法冻结等原因引起。您可以先在手机银行查看提示，或把情况告诉我，我帮您查询原因；核查类限制一般需要本人携带证件到网点办理。',
  },
  {
    key: 'gen-manager-change',
    topic: 'general',
    tags: ['客户经理'],
    question: '客户经理换人了怎么办？',
    alternatives: ['以后找谁办业务'],
    answer:
      '如果客户经理岗位调整，本行会安排新的专属客户经理为您服务，您的账户和资产不受影响。有任何需要都可以在企业微信直接联系我。',
  },
  {
    key: 'gen-wecom-verify',
    topic: 'general',
    tags: ['实名认证', '企业微信'],
    question: '为什么要在企业微信做实名认证？',
    alternatives: ['加了企微还要认证吗'],
    answer:
      '实名认证用来确认您是本行客户，方便我们为您提供专属服务和准确的产品信息。认证只需填写姓名和预留手机号并输入短信验证码，信息受本行隐私政策保护，不会用于其他用途。',
  },
]
