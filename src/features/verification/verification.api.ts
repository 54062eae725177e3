import type { ContactProfile } from '@contracts/contacts'
import type { CreatedVerification, PublicVerification } from '@contracts/verification'
import { http } from '@/shared/http'

export async function createVerification(externalUserId: string): Promise<CreatedVerification> {
  return (await http.post<CreatedVerification>('/verifications', { externalUserId })).data
}

export async function markVerificationSent(id: string): Promise<void> {
  await http.post(`/verifications/${id}/sent`)
}

export async function fetchPublicVerification(token: string): Promise<PublicVerification> {
  return (await http.get<PublicVerification>(`/public/verifications/${encodeURIComponent(token)}`)).data
}

export async function requestSmsCode(
  token: string,
  body: { name: string; phone: string; consent: true },
): Promise<{ resendInSec: number }> {
  return (await http.post<{ resendInSec: number }>(`/public/verifications/${encodeURIComponent(token)}/sms`, body)).data
}

export async function confirmSmsCode(
  token: string,
  code: string,
): Promise<{ status: 'verified'; managerName: string }> {
  return (
    await http.post<{ status: 'verified'; managerName: string }>(
      `/public/verifications/${encodeURIComponent(token)}/confirm`,
      { code },
    )
  ).data
}

/** The contact's verification state, polled while a link is out. */
export async function fetchVerificationState(externalUserId: string): Promise<ContactProfile['verification']> {
  return (
    await http.get<ContactProfile['verification']>(`/contacts/${encodeURIComponent(externalUserId)}/verification`)
  ).data
}
