import type { ContactProfile, RevealBodyT, RevealResult } from '@contracts/contacts'
import { http } from '@/shared/http'

export async function fetchContactProfile(externalUserId: string): Promise<ContactProfile> {
  return (await http.get<ContactProfile>(`/contacts/${encodeURIComponent(externalUserId)}`)).data
}

/** A supervisor's reveal of one full number, with the stated reason (audited server-side). */
export async function revealCustomerField(externalUserId: string, body: RevealBodyT): Promise<RevealResult> {
  return (await http.post<RevealResult>(`/contacts/${encodeURIComponent(externalUserId)}/reveal`, body)).data
}
