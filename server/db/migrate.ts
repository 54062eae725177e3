import { Migrator, type Migration } from 'kysely'
import type { Db } from './connect.js'
import type { Pii } from '../lib/pii.js'
import type { MigrationContext } from './migration-helpers.js'
import { foundation } from './migrations/001-foundation.js'
import { simulatorWorld } from './migrations/002-simulator-world.js'
import { wecom } from './migrations/003-wecom.js'
import { simulatorState } from './migrations/004-simulator-state.js'
import { verification } from './migrations/005-verification.js'
import { groups } from './migrations/006-groups.js'
import { content } from './migrations/007-content.js'
import { replies } from './migrations/008-replies.js'
import { crm } from './migrations/009-crm.js'
import { processMigration } from './migrations/010-process.js'
import { privacy } from './migrations/011-privacy.js'
import { hotPathIndexes } from './migrations/012-hot-path-indexes.js'
import { bindingLookupIndex } from './migrations/013-binding-lookup-index.js'
import { profileCoveringIndexes } from './migrations/014-profile-covering-indexes.js'
import { dashboardRollups } from './migrations/015-dashboard-rollups.js'
import { complianceGate } from './migrations/016-compliance-gate.js'
import { wecomImport } from './migrations/020-wecom-import.js'
import { sessions } from './migrations/024-sessions.js'
import { verificationLinkSms } from './migrations/025-verification-link-sms.js'
import { qaLexicon } from './migrations/028-qa-lexicon.js'
import { replyFeedback } from './migrations/029-reply-feedback.js'
import { metricCohorts } from './migrations/032-metric-cohorts.js'
import { followupsConsent } from './migrations/040-followups-consent.js'
import { welcomeMessages } from './migrations/045-welcome-messages.js'
import { simWelcomeCodes } from './migrations/046-sim-welcome-codes.js'
import { handover } from './migrations/050-handover.js'
import { corpTags } from './migrations/060-corp-tags.js'
import { ownerHistory } from './migrations/085-owner-history.js'
import { verdictIndexes } from './migrations/100-verdict-indexes.js'

/** Ordered migrations; names sort in the order they must run. Later features append here. */
const MIGRATIONS: Record<string, (ctx: MigrationContext) => Migration> = {
  '001-foundation': foundation,
  '002-simulator-world': simulatorWorld,
  '003-wecom': wecom,
  '004-simulator-state': simulatorState,
  '005-verification': verification,
  '006-groups': groups,
  '007-content': content,
  '008-replies': replies,
  '009-crm': crm,
  '010-process': processMigration,
  '011-privacy': privacy,
  '012-hot-path-indexes': hotPathIndexes,
  '013-binding-lookup-index': bindingLookupIndex,
  '014-profile-covering-indexes': profileCoveringIndexes,
  '015-dashboard-rollups': dashboardRollups,
  '016-compliance-gate': complianceGate,
  '020-wecom-import': wecomImport,
  '024-sessions': sessions,
  '025-verification-link-sms': verificationLinkSms,
  '028-qa-lexicon': qaLexicon,
  '029-reply-feedback': replyFeedback,
  '032-metric-cohorts': metricCohorts,
  '040-followups-consent': followupsConsent,
  '045-welcome-messages': welcomeMessages,
  '046-sim-welcome-codes': simWelcomeCodes,
  '050-handover': handover,
  '060-corp-tags': corpTags,
  '085-owner-history': ownerHistory,
  '100-verdict-indexes': verdictIndexes,
}

/** How many of this build's migrations the database has run, and which are still to run (readiness). */
export async function migrationStatus(db: Db): Promise<{ applied: number; pending: string[] }> {
  const rows = await db.kysely
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute()
    .catch(() => [])
  const done = new Set(rows.map((row) => (row as { name: string }).name))
  const pending = Object.keys(MIGRATIONS).filter((name) => !done.has(name))
  return { applied: Object.keys(MIGRATIONS).length - pending.length, pending }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, opts: { pii?: Pii } = {}): Promise<void> {
  const ctx = { dialect: db.dialect, pii: opts.pii }
  const migrator = new Migrator({
    db: db.kysely,
    provider: {
      getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([k, m]) => [k, m(ctx)])),
    },
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
