import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { StaffRow } from './rows.js'

const DAY = 86_400_000
const RISK = '基金、理财等产品有风险，投资须谨慎。过往业绩不代表未来表现，本资料不构成投资建议。'
const FX_RISK = '汇率波动存在风险，本资料仅供参考，不构成投资建议。'
const INS_RISK = '保险产品由保险公司承保，不是存款，具体责任以保险合同为准。'

export interface SeedItem {
  kind: 'moment' | 'text' | 'article' | 'chart'
  title: string
  body: string
  topic: string
  segments?: string[]
  minRisk?: string
  disclaimer?: string
  tags?: string[]
  chart?: [string, number]
  /** live (default), in_review, rejected, or expiring in 3 days. */
  state?: 'live' | 'in_review' | 'rejected' | 'expiring'
  ageDays: number
}

export const SEED_ITEMS: SeedItem[] = [
  {
    kind: 'chart',
    title: '上证指数近三个月走势',
    body: 'A 股近期震荡，关注长期配置价值。',
    topic: 'fund',
    chart: ['SH000001', 90],
    disclaimer: RISK,
    tags: ['基金偏好'],
    ageDays: 2,
  },
  {
    kind: 'chart',
    title: '恒生指数近半年走势',
    body: '港股估值处于历史较低区间。',
    topic: 'fund',
    chart: ['HSI', 180],
    disclaimer: RISK,
    tags: ['基金偏好'],
    ageDays: 5,
  },
  {
    kind: 'chart',
    title: '纳斯达克指数近一年走势',
    body: '美股科技板块的长期表现回顾。',
    topic: 'fund',
    chart: ['IXIC', 365],
    disclaimer: RISK,
    tags: ['基金偏好', '风险偏好较高'],
    ageDays: 9,
  },
  {
    kind: 'chart',
    title: '日经225指数近三个月走势',
    body: '日本股市近期表现回顾。',
    topic: 'fund',
    chart: ['N225', 90],
    disclaimer: RISK,
    ageDays: 12,
  },
  {
    kind: 'chart',
    title: '国际金价近半年走势',
    body: '黄金的避险属性与近期走势。',
    topic: 'gold',
    chart: ['XAUUSD', 180],
    disclaimer: RISK,
    tags: ['关注黄金'],
    ageDays: 3,
  },
  {
    kind: 'chart',
    title: '美元兑人民币近三个月走势',
    body: '有购汇需求的客户可关注汇率区间。',
    topic: 'fx',
    chart: ['USDCNY', 90],
    disclaimer: FX_RISK,
    tags: ['有外汇需求', '有留学需求'],
    ageDays: 4,
  },
  {
    kind: 'article',
    title: '四季度权益市场展望：震荡中把握长期配置',
    body: '近期市场波动加大，我们建议以定投方式分批布局，控制单一资产占比，关注基本面稳健的行业龙头。',
    topic: 'fund',
    minRisk: 'R3',
    disclaimer: RISK,
    tags: ['基金偏好'],
    ageDays: 6,
  },
  {
    kind: 'article',
    title: '黄金配置指南：为什么建议占比 5%–10%',
    body: '黄金与股债相关性较低，可在组合中起到分散风险的作用。积存金支持按克分批买入。',
    topic: 'gold',
    minRisk: 'R2',
    disclaimer: RISK,
    tags: ['关注黄金'],
    ageDays: 15,
  },
  {
    kind: 'text',
    title: '定期存款到期续存提醒',
    body: '您好，您在我行的定期存款即将到期。到期后可选择续存、转存大额存单，或了解稳健型理财产品，有需要随时联系我。',
    topic: 'deposit',
    tags: ['存款即将到期'],
    ageDays: 20,
  },
  {
    kind: 'text',
    title: '到期资金衔接：稳健理财方案',
    body: '针对即将到期的存款，我们精选了中低风险的理财产品，期限灵活，欢迎了解产品说明书后再做决定。',
    topic: 'wealth',
    minRisk: 'R2',
    disclaimer: '理财非存款，产品有风险，投资须谨慎。',
    tags: ['存款即将到期', '保守稳健'],
    ageDays: 8,
  },
  {
    kind: 'article',
    title: '留学购汇指南：额度、材料与时点',
    body: '每人每年购汇便利化额度为等值 5 万美元。留学缴费可凭录取通知书等材料办理，建议分批购汇平滑汇率波动。',
    topic: 'fx',
    disclaimer: FX_RISK,
    tags: ['有留学需求', '有外汇需求'],
    ageDays: 18,
  },
  {
    kind: 'text',
    title: '养老规划从现在开始',
    body: '临近退休，建议提前规划养老现金流：社保、个人养老金账户与商业养老保险可以组合配置。',
    topic: 'insurance',
    disclaimer: INS_RISK,
    tags: ['临近退休', '已退休', '重视保障'],
    ageDays: 25,
  },
  {
    kind: 'article',
    title: '私行客户家族财富传承沙龙邀请',
    body: '本月私人银行中心将举办家族财富传承主题沙龙，邀请律师与税务专家现场答疑，名额有限。',
    topic: 'general',
    segments: ['private'],
    ageDays: 7,
  },
  {
    kind: 'moment',
    title: '周末理财小贴士：记账三步法',
    body: '周末花 10 分钟做一次家庭记账：列收入、分必要与可选支出、留出应急金。稳稳的幸福从清楚的账开始。',
    topic: 'general',
    ageDays: 1,
  },
  {
    kind: 'text',
    title: '手机银行转账限额调整说明',
    body: '为保障资金安全，手机银行单日转账限额可在“安全中心”自助调整，大额转账建议提前设置。',
    topic: 'general',
    state: 'expiring',
    ageDays: 27,
  },
  {
    kind: 'article',
    title: '新春理财节活动预告',
    body: '新春理财节即将开启，届时将推出多款精选产品及线下讲座，敬请期待。',
    topic: 'wealth',
    minRisk: 'R2',
    disclaimer: '理财非存款，产品有风险，投资须谨慎。',
    state: 'in_review',
    ageDays: 1,
  },
  {
    kind: 'text',
    title: '高收益理财限时抢购',
    body: '限时抢购，先到先得！',
    topic: 'wealth',
    disclaimer: '理财非存款，产品有风险，投资须谨慎。',
    state: 'rejected',
    ageDays: 2,
  },
]

const iso = (t: number) => new Date(t).toISOString()

/** Inserts the library with its workflow columns filled as the review would have; returns id per item. */
export async function insertSeedItems(
  trx: Kysely<Database>,
  author: StaffRow,
  researcher: StaffRow,
  reviewer: StaffRow,
  now: Date,
): Promise<number[]> {
  const ids: number[] = []
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
  let approvals = 0
  for (const item of SEED_ITEMS) {
    const created = now.getTime() - (item.ageDays + 1) * DAY
    const approvedAt = now.getTime() - item.ageDays * DAY
    const approved = item.state === undefined || item.state === 'live' || item.state === 'expiring'
    const row = await trx
      .insertInto('content_items')
      .values({
        kind: item.kind,
        title: item.title,
        body: item.body,
        link: null,
        topic: item.topic as never,
        segments: JSON.stringify(item.segments ?? []),
        min_risk_level: item.minRisk ?? null,
        disclaimer: item.disclaimer ?? null,
        tags: JSON.stringify(item.tags ?? []),
        chart_symbol: item.chart?.[0] ?? null,
        chart_window_days: item.chart?.[1] ?? null,
        image_base64: null,
        image_mime: null,
        status: approved ? 'approved' : item.state === 'in_review' ? 'in_review' : 'rejected',
        author_staff_id: (item.kind === 'chart' ? researcher : author).id,
        reviewer_staff_id: item.state === 'in_review' ? null : reviewer.id,
        submitted_at: iso(created + 3600_000),
        approved_at: approved ? iso(approvedAt) : null,
        approval_no: approved ? `ZT-${year}-${String(900_000 + ++approvals).padStart(6, '0')}` : null,
        valid_from: approved ? iso(approvedAt) : null,
        valid_until: approved ? iso(now.getTime() + (item.state === 'expiring' ? 3 : 60) * DAY) : null,
        version: 1,
        root_id: null,
        rejection_reason: item.state === 'rejected' ? '含“限时抢购”等营销用语且未说明产品风险，请改写' : null,
        retired_at: null,
        retired_reason: null,
        created_at: iso(created),
        updated_at: iso(approved ? approvedAt : created),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = Number(row.id)
    await trx.updateTable('content_items').set({ root_id: id }).where('id', '=', id).execute()
    ids.push(id)
  }
  return ids
}
