import { z } from 'zod'
import { InboxEscalationSchema, MyEscalationSchema, ReplySuggestionSchema } from '../../../server/contracts/replies.js'
import { ComplianceFindingSchema } from '../../../server/contracts/review.js'
import type { TestResponse } from './test-app.js'

// The list envelopes the routes declare in their docs, built from the same contract schemas.
export const SuggestionsBody = z.object({ suggestions: z.array(ReplySuggestionSchema) })
export const MyEscalationsBody = z.object({ escalations: z.array(MyEscalationSchema) })
export const InboxBody = z.object({ escalations: z.array(InboxEscalationSchema) })

/** The compliance findings of a 422 COMPLIANCE_BLOCKED (or of its warnings), parsed. */
export function findingsOf(res: TestResponse) {
  return z.object({ findings: z.array(ComplianceFindingSchema) }).parse(res.error().details).findings
}
