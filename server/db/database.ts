import type { Generated } from 'kysely'
import type { AuditLogTable } from '../features/audit/audit.table.js'
import type { BindingsTable } from '../features/verification/bindings.table.js'
import type { WecomContactsTable } from '../features/wecom/relations.table.js'
import type { CrmTables, CustomersTable, HoldingsTable } from '../features/crm/crm.table.js'
import type { BranchesTable, StaffTable } from '../features/org/org.table.js'
import type { EventsTable } from '../features/events/events.table.js'
import type { FollowupsTable } from '../features/followups/followups.table.js'
import type { HandoverTables } from '../features/handover/handover.table.js'
import type { SimTransfersTable } from '../features/simulator/sim-transfers.table.js'
import type { MarketingConsentTable } from '../features/consent/consent.table.js'
import type { ProcessTables } from '../features/process/process.table.js'
import type {
  SimChatMessagesTable,
  SimCredentialsTable,
  SimFollowsTable,
  SimMediaTable,
  SimOauthCodesTable,
  SimPeopleTable,
  SimSmsTable,
  SimTasksTable,
  SimWelcomeCodesTable,
} from '../features/simulator/simulator.table.js'
import type { WecomCallbacksTable, WecomImportSeenTable, WecomImportStateTable } from '../features/wecom/wecom.table.js'
import type { RetentionSettingsTable } from '../features/privacy/privacy.table.js'
import type { RateLimitsTable } from '../lib/rate-limit.js'
import type { SessionsTable } from '../features/auth/sessions.table.js'
import type { VerificationsTable } from '../features/verification/verification.table.js'
import type { SimGroupMembersTable, SimGroupsTable } from '../features/simulator/sim-groups.table.js'
import type { SimCorpTagGroupsTable, SimCorpTagsTable } from '../features/simulator/sim-tags.table.js'
import type { ContactTagsTable, CorpTagsTable } from '../features/tags/tags.table.js'
import type { BannedPhrasesTable, LinkAllowlistTable, ReviewCountersTable } from '../features/review/review.table.js'
import type { WelcomeMessagesTable, WelcomeSendsTable } from '../features/welcome/welcome.table.js'
import type { ComplianceChecksTable } from '../features/compliance/compliance.table.js'
import type { ContentItemsTable, ContentSendsTable, MarketSeriesTable } from '../features/content/content.table.js'
import type {
  EscalationsTable,
  QaItemsTable,
  QaLexiconTable,
  ReplyFeedbackTable,
  ReplyMissesTable,
  ReplyUsesTable,
} from '../features/replies/replies.table.js'

type WithId<T extends { id: number }> = Omit<T, 'id'> & { id: Generated<number> }

export interface KvTable {
  key: string
  value: string
  expires_at: number | null
}

export interface Database extends CrmTables, ProcessTables, HandoverTables {
  branches: BranchesTable
  staff: StaffTable
  customers: CustomersTable
  holdings: WithId<HoldingsTable>
  wecom_contacts: WithId<WecomContactsTable>
  bindings: WithId<BindingsTable>
  events: WithId<EventsTable>
  audit_log: WithId<AuditLogTable>
  kv: KvTable
  followups: WithId<FollowupsTable>
  marketing_consent: WithId<MarketingConsentTable>
  sim_people: SimPeopleTable
  sim_follows: SimFollowsTable
  sim_transfers: WithId<SimTransfersTable>
  wecom_callbacks: WithId<WecomCallbacksTable>
  wecom_import_state: WecomImportStateTable
  wecom_import_seen: WecomImportSeenTable
  rate_limits: RateLimitsTable
  sessions: SessionsTable
  sim_credentials: SimCredentialsTable
  sim_oauth_codes: SimOauthCodesTable
  sim_media: SimMediaTable
  sim_chat_messages: WithId<SimChatMessagesTable>
  sim_sms: WithId<SimSmsTable>
  sim_tasks: SimTasksTable
  verifications: VerificationsTable
  sim_groups: SimGroupsTable
  sim_group_members: SimGroupMembersTable
  banned_phrases: BannedPhrasesTable
  link_allowlist: LinkAllowlistTable
  review_counters: ReviewCountersTable
  content_items: ContentItemsTable
  market_series: MarketSeriesTable
  content_sends: ContentSendsTable
  qa_items: QaItemsTable
  qa_lexicon: QaLexiconTable
  reply_feedback: ReplyFeedbackTable
  reply_misses: ReplyMissesTable
  escalations: EscalationsTable
  reply_uses: ReplyUsesTable
  retention_settings: RetentionSettingsTable
  compliance_checks: ComplianceChecksTable
  welcome_messages: WelcomeMessagesTable
  welcome_sends: WelcomeSendsTable
  sim_welcome_codes: SimWelcomeCodesTable
  corp_tags: CorpTagsTable
  contact_tags: ContactTagsTable
  sim_corp_tag_groups: SimCorpTagGroupsTable
  sim_corp_tags: SimCorpTagsTable
}
