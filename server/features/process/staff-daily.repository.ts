import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** One member's total of one rollup metric over [from, to] (Beijing days). */
export async function sumStaffMetric(
  db: Q,
  staffUserid: string,
  metric: string,
  from: string,
  to: string,
): Promise<number> {
  const r = await db
    .selectFrom('staff_daily')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('staff_userid', '=', staffUserid)
    .where('metric', '=', metric)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** Per member, the total of one rollup metric over [from, to]. */
export async function sumStaffMetricByStaff(db: Q, userids: string[], metric: string, from: string, to: string) {
  return db
    .selectFrom('staff_daily')
    .select(['staff_userid', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('staff_userid', 'in', userids)
    .where('metric', '=', metric)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('staff_userid')
    .execute()
}

/** Per member and metric, the totals over [from, to]. */
export async function sumMetricsByStaff(db: Q, userids: string[], from: string, to: string) {
  return db
    .selectFrom('staff_daily')
    .select(['staff_userid', 'metric', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('staff_userid', 'in', userids)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['staff_userid', 'metric'])
    .execute()
}

/** Per day and metric, the totals of these members over [from, to] (the trend chart). */
export async function sumMetricsByDay(db: Q, userids: string[], metrics: string[], from: string, to: string) {
  return db
    .selectFrom('staff_daily')
    .select(['day', 'metric', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('staff_userid', 'in', userids)
    .where('metric', 'in', metrics)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['day', 'metric'])
    .execute()
}
