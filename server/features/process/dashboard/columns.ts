import type { DashboardRow } from '../../../contracts/process.js'
import { SEGMENT_NAMES } from '../labels.js'

/** Column headings and values of the process table, shared by the XLSX export and the bulletin. */
export const PROCESS_COLUMNS: [string, (r: DashboardRow) => string | number | null][] = [
  ['机构/员工', (r) => r.name],
  ['好友请求', (r) => r.numbers.friendRequests],
  ['请求目标', (r) => r.numbers.friendRequestTarget],
  ['新增客户', (r) => r.numbers.newContacts],
  ['认证链接', (r) => r.numbers.linksSent],
  ['链接打开', (r) => r.numbers.linksOpened],
  ['完成认证', (r) => r.numbers.verified],
  ['任务完成', (r) => r.numbers.tasksDone],
  ['任务下达', (r) => r.numbers.tasksAssigned],
  ['回复率%', (r) => r.numbers.replyRate],
  ['回复时长(分)', (r) => r.numbers.replyMinutes],
  ['发送内容', (r) => r.numbers.contentSent],
  ['问中台', (r) => r.numbers.escalationsRaised],
  ['被删/拉黑', (r) => r.numbers.negativeFeedback],
]

export const ELIGIBLE_COLUMNS: [string, (r: DashboardRow) => number][] = [
  ['新增添加', (r) => r.eligible.adds],
  ['计入考核', (r) => r.eligible.eligible],
  ['未认证', (r) => r.eligible.unverified],
  ['未开户', (r) => r.eligible.noAccount],
  ['非本人管户', (r) => r.eligible.notOwnBook],
  ['非首次添加', (r) => r.eligible.notFirstAdd],
  ['省外超 20% 待复核', (r) => r.eligible.outOfProvinceFlagged],
  ['疑似同业互加', (r) => r.eligible.peerBank],
  ['多名员工添加', (r) => r.eligible.severalStaff],
  ['短时集中添加', (r) => r.eligible.burst],
]

export const coverageColumns = (): [string, (r: DashboardRow) => string][] =>
  ['private', 'wealth', 'vip', 'payroll'].map((s) => [
    `${SEGMENT_NAMES[s]}覆盖`,
    (r: DashboardRow) => {
      const c = r.coverage.find((x) => x.segment === s)
      return c && c.owned ? `${c.covered}/${c.owned}` : '-'
    },
  ])
