import type { ContactProfile } from '@contracts/contacts'
import { http } from '@/shared/http'

export async function fetchContactProfile(externalUserId: string): Promise<ContactProfile> {
  return (await http.get<ContactProfile>(`/contacts/${encodeURIComponent(externalUserId)}`)).data
}

export async function fetchVerificationState(externalUserId: string): Promise<ContactProfile['verification']> {
  return (
    await http.get<ContactProfile['verification']>(`/contacts/${encodeURIComponent(externalUserId)}/verification`)
  ).data
}
