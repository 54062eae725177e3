import type { QaTopic } from '../replies/index.js'

/** One seeded Q&A entry; `key` names it for tests (the search quality set expects entries by key). */
export interface QaSeedEntry {
  key: string
  topic: QaTopic
  question: string
  alternatives: string[]
  answer: string
  tags: string[]
}
