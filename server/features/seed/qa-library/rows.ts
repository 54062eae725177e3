import type { QaTopic } from '../../replies/index.js'
import type { QaSeedEntry } from '../qa-library-entry.js'

/** [key, question, alternatives joined by |, answer, tags joined by spaces] — compact so a topic file reads as a table. */
export type QaRow = readonly [string, string, string, string, string]

/** Seed entries of one topic from compact rows. */
export function qaRows(topic: QaTopic, rows: readonly QaRow[]): QaSeedEntry[] {
  return rows.map(([key, question, alternatives, answer, tags]) => ({
    key,
    topic,
    question,
    alternatives: alternatives ? alternatives.split('|') : [],
    answer,
    tags: tags ? tags.split(' ') : [],
  }))
}
