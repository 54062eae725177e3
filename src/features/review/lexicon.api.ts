import type { z } from 'zod'
import type { BannedPhrase, BannedPhraseBody, BannedPhraseListSchema, OutboundChecksSchema } from '@contracts/review'
import { http } from '@/shared/http'

export type LexiconList = z.infer<typeof BannedPhraseListSchema>
export type OutboundCheck = z.infer<typeof OutboundChecksSchema>['checks'][number]

export const fetchLexicon = async () => (await http.get<LexiconList>('/review/banned-phrases')).data
export const proposePhrase = async (body: z.input<typeof BannedPhraseBody>) =>
  (await http.post<BannedPhrase>('/review/banned-phrases', body)).data
export const approvePhrase = async (id: number) =>
  (await http.post<BannedPhrase>(`/review/banned-phrases/${id}/approve`)).data
export const rejectPhrase = async (id: number, reason: string) =>
  (await http.post<BannedPhrase>(`/review/banned-phrases/${id}/reject`, { reason })).data
export const retirePhrase = async (id: number) => {
  await http.delete(`/review/banned-phrases/${id}`)
}
export const fetchOutboundChecks = async (blocked?: '1' | '0') =>
  (await http.get<z.infer<typeof OutboundChecksSchema>>('/review/outbound-checks', { params: { blocked, limit: 100 } }))
    .data.checks
