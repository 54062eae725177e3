import { SOURCES } from './sources.js'
import type { Rule } from './types.js'

/** Bumped whenever the built-in rules below change; recorded with the lexicon version on every check. */
export const BUILTIN_RULES_VERSION = 'r2'

// Patterns run on normalised text: simplified, lower case, full-width folded, no spaces inside Han runs.
const CLAUSE = '[^,.;!?:。\\n]'
const GUARANTEE = '(?:保证(?!金|人|保险)|承诺|确保|锁定(?!期)|稳拿|稳获|稳得|必达|必得|包你|保你|一定能|肯定能)'
const YIELD = '(?:收益|回报|利息|年化|分红|盈利|\\d+(?:\\.\\d+)?%|百分之[一二三四五六七八九十\\d])'
const YIELD_FIRST = '(?:年化收益率?|收益率?|回报率?|业绩(?:比较)?基准|年化)'
// 收益不作保证, 收益并不保证, 收益无法保证, 对收益不做任何保证: the promise verb itself is negated.
const NOT_PROMISED = '(?<!(?:不|并不|无法|难以|未|没有?)(?:作|做|予|能|会|可)?(?:任何|出)?)'
// 业绩比较基准不作为收益保证: a disclosure verb between the yield and the promise breaks the claim.
const YIELD_GAP = `(?:(?!不作为|不构成|不代表|不等于|不视为|并非)${CLAUSE})`
const PROMISE_AFTER = '(?:保证|承诺|确保|锁定|必达|稳达|一定(?:能|会)?达到|肯定(?:能|会)?达到|稳稳|稳获)'
const rx = (source: string) => new RegExp(source, 'gu')

export const BUILTIN_RULES: readonly Rule[] = [
  {
    id: 'principal-safety',
    code: 'BANNED_PHRASE',
    category: 'principal_safety',
    level: 'block',
    explanation: '不得承诺或暗示保本、无风险、不会亏损',
    source: `${SOURCES.wealthSales}、${SOURCES.adLawInvestment}`,
    pattern: rx(
      '保本保息|保本|保息|本金(?:绝对|百分之百|100%)?(?:无忧|安全|无风险)|保证本金|不会亏(?:损|本|钱)?|不亏本|亏不了|' +
        '稳赚不赔|稳赚|只赚不赔|只涨不跌|零风险|无风险(?!利率)|没有?(?:任何)?风险(?!测评|评估|承受|等级|提示|揭示|偏好|评级|问卷|能力|意识|控制|管理)|' +
        '(?:100%|百分之百|百分百|绝对)安全|刚性兑付|刚兑|闭眼(?:买|投)|躺赚|包赚|保赚|高枕无忧',
    ),
  },
  {
    id: 'guaranteed-yield',
    code: 'PROHIBITED_CLAIM',
    category: 'guaranteed_yield',
    level: 'block',
    explanation: '不得承诺或保证收益，业绩比较基准不是承诺，不得表述为必然达到',
    source: `${SOURCES.wealthRules}、${SOURCES.adLawInvestment}`,
    pattern: rx(
      `${GUARANTEE}${CLAUSE}{0,6}?${YIELD}|${YIELD_FIRST}${YIELD_GAP}{0,6}?${NOT_PROMISED}${PROMISE_AFTER}|承诺收益|预期收益必达`,
    ),
  },
  {
    id: 'past-performance-promise',
    code: 'PROHIBITED_CLAIM',
    category: 'past_performance',
    level: 'block',
    explanation: '不得以过往业绩暗示或承诺未来收益',
    source: `${SOURCES.wealthSales}、${SOURCES.adLawInvestment}`,
    pattern: rx(
      '(?:历史|过往|往期|以往|过去|去年|上期|前几期)[^。!?\\n]{0,20}?(?:业绩|收益|回报|兑付|表现|涨|赚|盈利)[^。!?\\n]{0,20}?' +
        `(?:今年|未来|以后|今后|本期|这期|下期|明年|新一期)${CLAUSE}{0,4}?(?:也|一定|肯定|必然|照样|同样|仍将|还会|保证|稳)`,
    ),
    unless: /不代表|不预示|不等于|不构成|不作为|并不/u,
  },
  {
    id: 'past-performance-record',
    code: 'PROHIBITED_CLAIM',
    category: 'past_performance',
    level: 'warn',
    explanation: '引用过往业绩须完整、真实，并注明“过往业绩不代表未来表现”',
    source: SOURCES.wealthSales,
    pattern: rx('(?:往期|历史|过往)[^。!?\\n]{0,8}?(?:全部|均|100%|每期都)(?:达到|达标|兑付|实现)'),
  },
  {
    id: 'deposit-substitution',
    code: 'PROHIBITED_CLAIM',
    category: 'deposit_substitution',
    level: 'block',
    explanation: '不得将理财等投资产品与存款混淆，或宣传为存款的替代',
    source: `${SOURCES.wealthSales}、${SOURCES.consumer}`,
    pattern: rx(
      `(?:代替|替代|取代|替换|等同于?|相当于|媲美|胜过|可当)${CLAUSE}{0,6}?存款|存款(?:的)?(?:替代|升级版|平替)|` +
        '比(?:定期)?存款(?:还|更)?(?:安全|稳|保险|靠谱)|(?:和|跟|同|与|像)(?:定期)?存款一样(?:安全|稳|保本|保险|靠谱)?|类存款',
    ),
  },
  {
    id: 'superlative-claim',
    code: 'PROHIBITED_CLAIM',
    category: 'superlative',
    level: 'block',
    explanation: '广告不得使用“最高”“最佳”“第一”等绝对化用语描述收益或产品',
    source: SOURCES.adLawAbsolute,
    pattern: rx(
      '(?:最高|最佳|最优|最好|最大|最强|最稳|最安全|最赚钱|最划算|最靠谱|最牛|顶级|第一)(?:的)?(?:收益|回报|利率|利息|理财|产品|基金|投资|选择|银行|平台)|' +
        '(?:收益|回报|利率|业绩|排名|销量)率?(?:全国|全网|全行|行业|同类|市场)?(?:最高|第一(?![季次步期批天个年月周部类])|最佳|最好|冠军|no\\.?1)|' +
        '国家级|世界级|全网最|全国第一|行业第一|史上最|万无一失',
    ),
  },
  {
    id: 'superlative-word',
    code: 'PROHIBITED_CLAIM',
    category: 'superlative',
    level: 'warn',
    explanation: '绝对化用语，请确认不是对产品或服务的宣传，必要时改写',
    source: SOURCES.adLawAbsolute,
    pattern: rx('最佳|最优|顶级|首选|唯一(?!一个)|极致|万能'),
  },
  {
    id: 'state-guarantee',
    code: 'PROHIBITED_CLAIM',
    category: 'state_guarantee',
    level: 'block',
    explanation: '不得宣称产品由国家、政府或监管机构担保、兜底或背书',
    source: `${SOURCES.wealthSales}、${SOURCES.consumer}`,
    pattern: rx(
      `(?:国家|政府|央行|人民银行|财政部?|国资委?|国企|监管(?:部门|机构)?|银保监会?|金融监管总局|证监会)${CLAUSE}{0,4}?` +
        '(?:担保|兜底|背书|保障本金|保本|托底|刚兑|信用担保)|国家队(?:背书|兜底)',
    ),
  },
  {
    id: 'sales-pressure',
    code: 'PROHIBITED_CLAIM',
    category: 'sales_pressure',
    level: 'warn',
    explanation: '制造紧迫感的营销用语，易构成误导销售',
    source: SOURCES.consumer,
    pattern: rx('错过再等一年|手慢无|最后一天抢购|不买就亏'),
  },
]
