import type { CreateFollowup, Followup, FollowupList, MarketingConsent } from '@contracts/followups'
import { http } from '@/shared/http'

const base = (externalUserId: string) => `/contacts/${encodeURIComponent(externalUserId)}`

export async function fetchFollowups(externalUserId: string): Promise<FollowupList> {
  return (await http.get<FollowupList>(`${base(externalUserId)}/followups`)).data
}

export async function createFollowup(externalUserId: string, body: CreateFollowup): Promise<Followup> {
  return (await http.post<Followup>(`${base(externalUserId)}/followups`, body)).data
}

export async function fetchConsent(externalUserId: string): Promise<MarketingConsent> {
  return (await http.get<MarketingConsent>(`${base(externalUserId)}/marketing-consent`)).data
}

export async function setConsent(externalUserId: string, optedOut: boolean): Promise<MarketingConsent> {
  return (await http.put<MarketingConsent>(`${base(externalUserId)}/marketing-consent`, { optedOut })).data
}
