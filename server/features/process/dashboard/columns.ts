import type { DashboardRow } from '../../../contracts/process.js'
import { METRICS as M } from '../../../contracts/metrics.js'
import { SEGMENT_NAMES } from '../labels.js'

/** Column headings (from the metric dictionary) and values of the process table, shared by the XLSX export and the bulletin. */
export const PROCESS_COLUMNS: [string, (r: DashboardRow) => string | number | null][] = [
  ['机构/员工', (r) => r.name],
  [M.friendRequests.label, (r) => r.numbers.friendRequests],
  [M.friendRequestTarget.label, (r) => r.numbers.friendRequestTarget],
  [M.newContacts.label, (r) => r.numbers.newContacts],
  [M.linksSent.label, (r) => r.numbers.linksSent],
  [M.linksOpened.label, (r) => r.numbers.linksOpened],
  [M.verified.label, (r) => r.numbers.verified],
  [M.verifiedWithoutLink.label, (r) => r.numbers.verifiedWithoutLink],
  [M.tasksDone.label, (r) => r.numbers.tasksDone],
  ['任务下达', (r) => r.numbers.tasksAssigned],
  [`${M.replyRate.label}%`, (r) => r.numbers.replyRate],
  [M.replyMinutes.label, (r) => r.numbers.replyMinutes],
  [M.contentSent.label, (r) => r.numbers.contentSent],
  [M.escalationsRaised.label, (r) => r.numbers.escalationsRaised],
  [M.negativeFeedback.label, (r) => r.numbers.negativeFeedback],
]

export const ELIGIBLE_COLUMNS: [string, (r: DashboardRow) => number][] = [
  ['新增添加', (r) => r.eligible.adds],
  [M.eligible.label, (r) => r.eligible.eligible],
  ['未认证', (r) => r.eligible.unverified],
  ['未开户', (r) => r.eligible.noAccount],
  ['非本人管户', (r) => r.eligible.notOwnBook],
  ['非首次添加', (r) => r.eligible.notFirstAdd],
  [M.outOfProvinceFlagged.label, (r) => r.eligible.outOfProvinceFlagged],
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
