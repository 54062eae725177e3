import { sql, type Kysely, type Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * Process and results: per-staff and per-item daily rollups (fed incrementally from `events`),
 * WeCom behaviour data, middle-office tasks and their assignments, sync runs, resume points and
 * the job locks that let one instance of several run a job.
 */
export const processMigration = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    // Bookkeeping, not a fact: which events the rollups already include. The partial index keeps the backlog lookup small.
    await db.schema
      .alterTable('events')
      .addColumn('rolled_up', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema
      .createIndex('events_unrolled_idx')
      .on('events')
      .column('id')
      .where(sql<boolean>`rolled_up = 0`)
      .execute()

    for (const [table, key] of [
      ['staff_daily', 'staff_userid'],
      ['ref_daily', 'ref_id'],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn(key, 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('n', 'double precision', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint(`${table}_pk`, [key, 'day', 'metric'])
        .execute()
    }
    await db.schema.createIndex('staff_daily_day_idx').on('staff_daily').columns(['day', 'metric']).execute()

    await db.schema
      .createTable('behavior_daily')
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('new_apply_cnt', 'integer', (c) => c.notNull())
      .addColumn('new_contact_cnt', 'integer', (c) => c.notNull())
      .addColumn('chat_cnt', 'integer', (c) => c.notNull())
      .addColumn('message_cnt', 'integer', (c) => c.notNull())
      .addColumn('reply_percentage', 'double precision')
      .addColumn('avg_reply_time', 'double precision')
      .addColumn('negative_feedback_cnt', 'integer', (c) => c.notNull())
      .addColumn('synced_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('behavior_daily_pk', ['staff_userid', 'day'])
      .execute()
    await db.schema.createIndex('behavior_daily_day_idx').on('behavior_daily').column('day').execute()

    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('wecom_ref', 'text')
      .execute()
    await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['status', 'due_date']).execute()
    await db.schema
      .createTable('task_assignments')
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('target', 'double precision', (c) => c.notNull().defaultTo(1))
      .addColumn('wecom_ref', 'text')
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('done_at', 'text')
      .addColumn('checked_at', 'text')
      .addPrimaryKeyConstraint('task_assignments_pk', ['task_id', 'staff_userid'])
      .execute()
    await db.schema
      .createIndex('task_assignments_staff_idx')
      .on('task_assignments')
      .columns(['staff_userid', 'status'])
      .execute()
    // Who a mass-send task addresses, for WeCom's per-customer monthly cap.
    await db.schema
      .createTable('task_recipients')
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_recipients_pk', ['task_id', 'staff_userid', 'external_userid'])
      .execute()
    await db.schema
      .createIndex('task_recipients_month_idx')
      .on('task_recipients')
      .columns(['month', 'external_userid'])
      .execute()

    await autoId(db.schema.createTable('sync_runs'), dialect)
      .addColumn('job', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('stats', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('error', 'text')
      .execute()
    await db.schema.createIndex('sync_runs_job_idx').on('sync_runs').columns(['job', 'started_at']).execute()
    await db.schema
      .createTable('sync_state')
      .addColumn('job', 'text', (c) => c.primaryKey())
      .addColumn('done_until', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('job_locks')
      .addColumn('job', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
    // Simulator only: tasks a member marked done on the /simulator desktop.
    await db.schema
      .createTable('sim_task_done')
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('userid', 'text', (c) => c.notNull())
      .addColumn('done_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sim_task_done_pk', ['task_id', 'userid'])
      .execute()
  },
})
