/**
 * The metric dictionary: every figure the dashboard, drill-down, XLSX export, weekly bulletin, sidebar to-do
 * and guidance show, defined once. Headings, tooltips and docs/metrics.md read from here, so a label and its
 * definition cannot drift apart. Time basis for all of them: the event's own time, bucketed by Beijing day.
 */
export interface MetricDef {
  /** Chinese heading shown to users. */
  label: string
  definition: string
  numerator: string
  /** Null for counts. */
  denominator: string | null
  timeBasis: string
  appliesTo: string
}

const BEIJING = '按事件自身发生时间（北京时间）落入所选期间'

export const METRICS = {
  friendRequests: {
    label: '好友请求',
    definition: '员工在企业微信主动发出的添加客户申请数（企业微信行为数据 new_apply_cnt）',
    numerator: '员工发起的好友申请',
    denominator: null,
    timeBasis: '企业微信按自然日（北京时间）统计的申请日',
    appliesTo: '前台客户经理',
  },
  friendRequestTarget: {
    label: '请求目标',
    definition: '中台下达的加好友任务每日目标 × 任务与期间重叠的天数',
    numerator: '每日目标 × 重叠天数',
    denominator: null,
    timeBasis: '任务起止日期与期间的重叠（北京时间自然日）',
    appliesTo: '被下达加好友任务的客户经理',
  },
  newContacts: {
    label: '新增客户',
    definition: '期间内新添加的企业微信客户关系数（与「计入考核/新增」的分母为同一批添加）',
    numerator: '添加时间在期间内的好友关系（含之后删除的）',
    denominator: null,
    timeBasis: BEIJING,
    appliesTo: '前台客户经理',
  },
  staffRequestPassRate: {
    label: '好友通过率',
    definition: '员工主动发起并被客户通过的添加 ÷ 员工发出的好友请求；客户扫码等客户主动添加不计入；最高 100%',
    numerator: '期间内通过的员工发起添加（添加方式非扫码）',
    denominator: '期间内员工发出的好友请求',
    timeBasis: BEIJING,
    appliesTo: '前台客户经理',
  },
  linksSent: {
    label: '认证链接',
    definition: '期间内确实发进聊天的实名认证链接数：认证漏斗的同一批（cohort）',
    numerator: '发送时间在期间内的认证链接',
    denominator: null,
    timeBasis: '链接发送时间（北京时间）',
    appliesTo: '前台客户经理',
  },
  linksOpened: {
    label: '链接打开',
    definition: '本期发出的认证链接中被客户打开过的数量（不会超过认证链接数）',
    numerator: '本期发出且已打开的链接',
    denominator: '本期发出的认证链接',
    timeBasis: '按链接发送时间归入期间；打开可在期间之后',
    appliesTo: '前台客户经理',
  },
  verified: {
    label: '完成认证',
    definition: '本期发出的认证链接中已完成实名认证的数量（不会超过链接打开数）',
    numerator: '本期发出、已打开且已认证的链接',
    denominator: '本期发出的认证链接',
    timeBasis: '按链接发送时间归入期间；认证可在期间之后',
    appliesTo: '前台客户经理',
  },
  verifiedWithoutLink: {
    label: '其他认证',
    definition: '期间内完成、但不来自本期所发链接的认证：手机银行绑定、或更早发出的链接',
    numerator: '期间内的认证事件，减去其中来自本期链接的认证',
    denominator: null,
    timeBasis: '认证完成时间（北京时间）',
    appliesTo: '前台客户经理',
  },
  tasksDone: {
    label: '任务完成',
    definition: '与期间重叠的生效任务中已完成的分配数 / 下达的分配数',
    numerator: '已完成的任务分配',
    denominator: '与期间重叠的任务分配',
    timeBasis: '任务起止日期与期间重叠',
    appliesTo: '被下达任务的客户经理',
  },
  replyRate: {
    label: '回复率',
    definition: '企业微信行为数据中的会话回复占比，按会话数加权平均；无会话时显示「-」',
    numerator: '已回复会话（按会话数加权）',
    denominator: '会话数',
    timeBasis: '企业微信统计日（北京时间）',
    appliesTo: '前台客户经理',
  },
  replyMinutes: {
    label: '回复时长(分)',
    definition: '企业微信行为数据中的平均首次回复时长，按会话数加权',
    numerator: '回复时长 × 会话数',
    denominator: '会话数',
    timeBasis: '企业微信统计日（北京时间）',
    appliesTo: '前台客户经理',
  },
  contentSent: {
    label: '发送内容',
    definition: '从侧边栏发进聊天的已审核内容条数',
    numerator: '内容发送',
    denominator: null,
    timeBasis: BEIJING,
    appliesTo: '前台客户经理',
  },
  escalationsRaised: {
    label: '问中台',
    definition: '客户经理提交给中台的问题数；紧急问题的答复时限短于普通问题',
    numerator: '提交的问题',
    denominator: null,
    timeBasis: BEIJING,
    appliesTo: '前台客户经理',
  },
  negativeFeedback: {
    label: '被删/拉黑',
    definition: '企业微信行为数据中客户删除或拉黑员工的次数',
    numerator: '删除/拉黑次数',
    denominator: null,
    timeBasis: '企业微信统计日（北京时间）',
    appliesTo: '前台客户经理',
  },
  eligible: {
    label: '计入考核',
    definition:
      '期间内新增客户中同时满足：已实名认证、在本行开户、本人管户、全行首次添加，且未因省外认证超出 20% 待复核',
    numerator: '满足全部规则的新增',
    denominator: '期间内的新增客户',
    timeBasis: '添加时间（北京时间）；省外占比按认证所在自然月计算',
    appliesTo: '前台客户经理',
  },
  outOfProvinceFlagged: {
    label: '省外超 20% 待复核',
    definition: '当月按认证先后，使省外认证占比保持 ≤ 20% 的省外认证计入；只有超出部分待复核，已计入的当月不会再被翻转',
    numerator: '超出 20% 的省外认证',
    denominator: '当月全部认证',
    timeBasis: '认证时间所在自然月（北京时间）',
    appliesTo: '前台客户经理',
  },
  coverage: {
    label: '分层覆盖',
    definition: '名下该分层客户中，已与本人企业微信好友完成认证绑定的客户 ÷ 名下该分层客户',
    numerator: '已覆盖客户',
    denominator: '名下客户',
    timeBasis: '当前状态（读取时）',
    appliesTo: '管户客户经理',
  },
  contentOpenRate: {
    label: '打开率',
    definition: '可追踪（图文卡片）发送中被打开过的比例；纯文本、图片无法追踪，显示「不可追踪」而非 0%',
    numerator: '被打开过的可追踪发送',
    denominator: '可追踪发送',
    timeBasis: '发送时间（北京时间）',
    appliesTo: '中台内容（按内容、作者）',
  },
  contentConversions: {
    label: '14天转化',
    definition:
      '客户购买与内容主题相符的产品，且购买前 14 天内收到过可追踪内容：购买只记给其前最后一次可追踪发送，每笔购买最多记一次',
    numerator: '被记给该内容的购买',
    denominator: null,
    timeBasis: '记给的发送所在期间（北京时间）',
    appliesTo: '中台内容（按内容、作者）',
  },
} as const satisfies Record<string, MetricDef>

export type MetricKey = keyof typeof METRICS

/** The text a tooltip shows for a metric. */
export function metricTooltip(key: MetricKey): string {
  const m: MetricDef = METRICS[key]
  const ratio = m.denominator ? `\n分子：${m.numerator}\n分母：${m.denominator}` : ''
  return `${m.label}：${m.definition}${ratio}\n时间口径：${m.timeBasis}\n适用：${m.appliesTo}`
}

/** What each kind of guidance is about, in the dictionary's words (the XLSX 督导建议 sheet, the console). */
export const GUIDANCE_METRIC_LABELS: Record<'tasks' | 'coverage' | 'friend_requests' | 'funnel' | 'reply', string> = {
  tasks: METRICS.tasksDone.label,
  coverage: METRICS.coverage.label,
  friend_requests: METRICS.friendRequests.label,
  funnel: '认证漏斗',
  reply: METRICS.replyRate.label,
}

/** Shown instead of a rate when nothing sent could be tracked. */
export const UNTRACKABLE = '不可追踪'

/** A percentage with one decimal, never above 100; null without a denominator. */
export function percent(numerator: number, denominator: number): number | null {
  if (!denominator) return null
  return Math.round(Math.min(1, Math.max(0, numerator / denominator)) * 1000) / 10
}
