import type {
  HandoverCustomer,
  HandoverGroup,
  HandoverProposal,
  HandoverStaff,
  StartHandoverBody,
  Transfer,
  TransferGroupsBody,
  TransferGroupsResult,
} from '@contracts/handover'
import { http } from '@/shared/http'

export async function fetchHandoverStaff(): Promise<HandoverStaff[]> {
  return (await http.get<{ items: HandoverStaff[] }>('/handover/staff')).data.items
}

export async function fetchHandoverCustomers(handover: string, segment?: string): Promise<HandoverCustomer[]> {
  const params = segment ? { handover, segment } : { handover }
  return (await http.get<{ items: HandoverCustomer[] }>('/handover/customers', { params })).data.items
}

export async function fetchTransfers(): Promise<Transfer[]> {
  return (await http.get<{ items: Transfer[] }>('/handover/transfers')).data.items
}

export async function fetchProposals(): Promise<HandoverProposal[]> {
  return (await http.get<{ items: HandoverProposal[] }>('/handover/proposals')).data.items
}

export async function startHandover(body: StartHandoverBody): Promise<{ requested: number; rejected: number }> {
  return (await http.post<{ requested: number; rejected: number }>('/handover/transfers', body)).data
}

export async function refreshTransfers(): Promise<{ checked: number; applied: number }> {
  return (await http.post<{ checked: number; applied: number }>('/handover/transfers/refresh')).data
}

export async function dismissProposals(externalUserIds: string[]): Promise<{ dismissed: number }> {
  return (await http.post<{ dismissed: number }>('/handover/proposals/dismiss', { externalUserIds })).data
}

export async function fetchGroups(owner: string): Promise<HandoverGroup[]> {
  return (await http.get<{ items: HandoverGroup[] }>('/handover/groups', { params: { owner } })).data.items
}

export async function transferGroups(body: TransferGroupsBody): Promise<TransferGroupsResult> {
  return (await http.post<TransferGroupsResult>('/handover/groups/transfer', body)).data
}
