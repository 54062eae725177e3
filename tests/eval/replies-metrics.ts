/** One labelled customer question of the evaluation set (replies-eval.json). */
export interface EvalQuestion {
  id: string
  /** The customer's subject: a library area (fund, fx, payroll, card, …), finer than the Q&A topic. */
  area: string
  q: string
  split: 'tuning' | 'heldout'
  /** Keys of the seed entries that answer it; empty for a question outside the library (area `none`). */
  answers: string[]
}

export interface EvalResult {
  question: EvalQuestion
  /** Keys of the suggestions shown, best first. */
  shown: string[]
}

// Entries written before areas existed carry the `gen-` prefix; their area is named here.
const GEN_AREAS: Record<string, string> = {
  'gen-mobile-banking-limit': 'card',
  'gen-card-loss': 'card',
  'gen-fraud': 'verify',
  'gen-update-id': 'verify',
  'gen-account-freeze': 'card',
  'gen-wecom-verify': 'verify',
  'dep-pension-account': 'pension',
}
const PREFIX_AREAS: Record<string, string> = { dep: 'deposit', ins: 'insurance', sec: 'securities', gen: 'general' }

/** The area of a seed entry, from its key. */
export function areaOfKey(key: string): string {
  const prefix = key.split('-')[0]!
  return GEN_AREAS[key] ?? PREFIX_AREAS[prefix] ?? prefix
}

export interface Figures {
  n: number
  hit1: number
  hit3: number
  wrongTopic1: number
  empty: number
  /** Out-of-library questions that still got a suggestion (they should get 问中台). */
  shownUnanswerable: number
}

/** A result's first shown entry answers another subject than the question's (worse than nothing). */
export function isWrongTopic({ question, shown }: EvalResult): boolean {
  const top = shown[0]
  if (!top || question.answers.includes(top)) return false
  const areas = new Set([question.area, ...question.answers.map(areaOfKey)])
  return !areas.has(areaOfKey(top))
}

/** hit@1, hit@3, wrong-topic@1 and empty-rate as shares of the results. */
export function figures(all: readonly EvalResult[]): Figures {
  const results = all.filter((r) => r.question.answers.length > 0)
  const outside = all.filter((r) => r.question.answers.length === 0)
  const n = results.length || 1
  const share = (pred: (r: EvalResult) => boolean) => results.filter(pred).length / n
  return {
    n: results.length,
    shownUnanswerable: outside.filter((r) => r.shown.length > 0).length / (outside.length || 1),
    hit1: share((r) => r.question.answers.includes(r.shown[0] ?? '')),
    hit3: share((r) => r.shown.slice(0, 3).some((k) => r.question.answers.includes(k))),
    wrongTopic1: share(isWrongTopic),
    empty: share((r) => r.shown.length === 0),
  }
}

/** How bad a miss is: a wrong-topic first answer, then nothing useful in the top 3, then nothing shown. */
export function missSeverity(r: EvalResult): number {
  if (r.question.answers.length === 0) return r.shown.length > 0 ? 2.5 : 0
  if (isWrongTopic(r)) return 3
  if (r.shown.length > 0 && !r.shown.slice(0, 3).some((k) => r.question.answers.includes(k))) return 2
  if (r.shown.length === 0) return 1
  return r.question.answers.includes(r.shown[0]!) ? 0 : 0.5
}
