import type { ResultsQueryT } from '@contracts/content'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useAsync } from '@/shared/use-async'
import { fetchResults } from './content-console.api'

export type ResultsView = 'items' | 'branches' | 'authors'
export const RESULT_VIEWS: Record<ResultsView, string> = { items: '按内容', branches: '按机构', authors: '按作者' }
const DEFAULT_DAYS = 30

/**
 * Content results for the period and branch in the URL (`days`, or `from`/`to`; `branch`; `view`), so a drill-down is
 * a link and survives a reload. The API scopes to the caller; a branch outside it answers 403 with its reason.
 */
export function useContentResults() {
  const route = useRoute()
  const router = useRouter()
  const q = computed(() => route.query as Record<string, string | undefined>)
  const query = computed((): ResultsQueryT => {
    const branchId = q.value.branch
    if (q.value.from) return { from: q.value.from, to: q.value.to, branchId }
    return { days: Number(q.value.days) || DEFAULT_DAYS, branchId }
  })
  const view = computed((): ResultsView =>
    (q.value.view as ResultsView) in RESULT_VIEWS ? (q.value.view as ResultsView) : 'items',
  )
  const go = (patch: Record<string, string | undefined>) => router.push({ query: { ...route.query, ...patch } })
  const results = useAsync(query, () => fetchResults(query.value))
  return { query, view, go, ...results }
}
