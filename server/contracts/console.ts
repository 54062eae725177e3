import { z } from 'zod'

const LibraryCountsSchema = z.object({
  /** Items in review this member may decide (a reviewer who is not the author); 0 for non-reviewers. */
  toReview: z.number().int(),
  /** This member's own items sent back (驳回) and waiting for a fix. */
  rejectedMine: z.number().int(),
})

/** What waits for the signed-in middle-office member: the numbers beside the console's menu items. */
export const PendingCountsSchema = z.object({
  content: LibraryCountsSchema,
  qa: LibraryCountsSchema,
  /** 问中台 questions nobody has taken or answered yet. */
  openEscalations: z.number().int(),
})
export type PendingCounts = z.infer<typeof PendingCountsSchema>
