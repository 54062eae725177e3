import type { Generated } from 'kysely'

/** One number per staff member, Beijing day and metric (see rollups/metrics.ts). */
export interface StaffDailyTable {
  staff_userid: string
  /** YYYY-MM-DD, Beijing time */
  day: string
  metric: string
  n: number
}

/** One number per result subject (`content:<root>`, `qa:<root>`, `task:<id>`), day and metric. */
export interface RefDailyTable {
  ref_id: string
  day: string
  metric: string
  n: number
}

/** WeCom's get_user_behavior_data, one row per member and day. */
export interface BehaviorDailyTable {
  staff_userid: string
  day: string
  new_apply_cnt: number
  new_contact_cnt: number
  chat_cnt: number
  message_cnt: number
  /** percent; null on days without chats (WeCom omits it) */
  reply_percentage: number | null
  /** minutes; null on days without chats */
  avg_reply_time: number | null
  negative_feedback_cnt: number
  synced_at: string
}

export type TaskKind = 'moment' | 'mass_send' | 'friend_add' | 'verification' | 'reply'
/** `pending_review`/`rejected`: a free-text mass send or moment waiting for (or refused by) a second person. */
export type TaskStatus = 'active' | 'cancelled' | 'pending_review' | 'rejected'
export type AssignmentStatus = 'open' | 'done'

export interface TasksTable {
  id: string
  kind: TaskKind
  title: string
  /** JSON: the item's copy (self-contained), targets (per day, count, reply rate/time), segments. */
  payload: string
  /** JSON `{ staff: string[], branches: string[] }` as the middle office chose it. */
  scope: string
  start_date: string
  due_date: string
  created_by: string
  created_at: string
  status: TaskStatus
  /** Moment task: `job:<jobid>` until WeCom gives the moment id, then `moment:<id>`. */
  wecom_ref: string | null
  /** Compliance review of free text (migration 016): who approved or rejected it, and the findings shown. */
  reviewed_by?: string | null
  reviewed_at?: string | null
  review_note?: string | null
  findings?: string | null
}

export interface TaskAssignmentsTable {
  task_id: string
  staff_userid: string
  status: AssignmentStatus
  progress: number
  target: number
  /** Mass send: the member's msgid. */
  wecom_ref: string | null
  /** JSON: send results and the like, as last read from WeCom. */
  detail: string
  done_at: string | null
  checked_at: string | null
}

export interface TaskRecipientsTable {
  task_id: string
  staff_userid: string
  external_userid: string
  /** YYYY-MM (Beijing) */
  month: string
}

export type SyncJob = 'behaviour' | 'tasks' | 'rollups' | 'relations'
export type SyncTrigger = 'schedule' | 'manual' | 'cli'
export type SyncRunStatus = 'running' | 'succeeded' | 'failed'

export interface SyncRunsTable {
  id: Generated<number>
  job: SyncJob
  trigger: SyncTrigger
  status: SyncRunStatus
  started_at: string
  finished_at: string | null
  stats: string
  error: string | null
}

/** Resume point per job: every day up to and including `done_until` is synced. */
export interface SyncStateTable {
  job: string
  done_until: string
  updated_at: string
}

export interface JobLocksTable {
  job: string
  holder: string
  /** epoch ms */
  expires_at: number
}

export interface SimTaskDoneTable {
  task_id: string
  userid: string
  /** epoch seconds */
  done_at: number
}

/** One relation's 计入考核 verdicts as the profile would judge them, but for the month-dependent out-of-province share. */
export interface AddVerdictsTable {
  relation_id: number
  staff_userid: string
  external_userid: string
  add_time: string
  cif_no: string | null
  segment: string | null
  verified: 'pass' | 'fail'
  has_account: 'pass' | 'fail' | 'unknown'
  in_book: 'pass' | 'fail' | 'unknown'
  first_add: 'pass' | 'fail' | 'unknown'
  peer_bank: number
  several_staff: number
  burst: number
  base_ok: number
}

/** Owned and covered customers per owner and segment (design §6), kept current from `rollup_dirty`. */
export interface StaffCoverageTable {
  staff_id: string
  segment: string
  owned: number
  covered: number
}

/** Marked by triggers (migration 015): what changed since the dashboard rollups were last brought up to date. */
export interface RollupDirtyTable {
  /** contact: an external userid; customer: a cif_no; owner: a staff id; window: `${add_time} ${staff_userid}`. */
  kind: 'contact' | 'customer' | 'owner' | 'window'
  key: string
  /** Moves on every new mark of the key. */
  seq: Generated<number>
}

export interface ProcessTables {
  add_verdicts: AddVerdictsTable
  staff_coverage: StaffCoverageTable
  rollup_dirty: RollupDirtyTable
  staff_daily: StaffDailyTable
  ref_daily: RefDailyTable
  behavior_daily: BehaviorDailyTable
  tasks: TasksTable
  task_assignments: TaskAssignmentsTable
  task_recipients: TaskRecipientsTable
  sync_runs: SyncRunsTable
  sync_state: SyncStateTable
  job_locks: JobLocksTable
  sim_task_done: SimTaskDoneTable
}
