import type { ContactProfile } from '@contracts/contacts'
import { http } from '@/shared/http'

export async function fetchContactProfile(externalUserId: string): Promise<ContactProfile> {
  return (await http.get<ContactProfile>(`/contacts/${encodeURIComponent(externalUserId)}`)).data
}
