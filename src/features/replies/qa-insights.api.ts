import type { QaLexiconEntry, UnansweredQuestion } from '@contracts/replies'
import { http } from '@/shared/http'

export async function fetchLexicon(): Promise<QaLexiconEntry[]> {
  return (await http.get<{ entries: QaLexiconEntry[] }>('/console/qa-lexicon')).data.entries
}

export async function addLexiconEntry(kind: QaLexiconEntry['kind'], words: string): Promise<QaLexiconEntry> {
  return (await http.post<QaLexiconEntry>('/console/qa-lexicon', { kind, words })).data
}

export async function removeLexiconEntry(id: number): Promise<void> {
  await http.delete(`/console/qa-lexicon/${id}`)
}

export async function fetchUnanswered(): Promise<UnansweredQuestion[]> {
  return (await http.get<{ questions: UnansweredQuestion[] }>('/console/qa-unanswered')).data.questions
}
