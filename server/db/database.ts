import type { Generated } from 'kysely'
import type { AuditLogTable } from '../features/audit/audit.table.js'
import type { BindingsTable, WecomContactsTable } from '../features/contacts/contacts.table.js'
import type { CustomersTable, HoldingsTable } from '../features/crm/crm.table.js'
import type { BranchesTable, StaffTable } from '../features/org/org.table.js'
import type { EventsTable } from '../features/process/events.table.js'
import type { SimFollowsTable, SimPeopleTable } from '../features/simulator/simulator.table.js'

type WithId<T extends { id: number }> = Omit<T, 'id'> & { id: Generated<number> }

export interface KvTable {
  key: string
  value: string
  expires_at: number | null
}

export interface Database {
  branches: BranchesTable
  staff: StaffTable
  customers: CustomersTable
  holdings: WithId<HoldingsTable>
  wecom_contacts: WithId<WecomContactsTable>
  bindings: WithId<BindingsTable>
  events: WithId<EventsTable>
  audit_log: WithId<AuditLogTable>
  kv: KvTable
  sim_people: SimPeopleTable
  sim_follows: SimFollowsTable
}
