import type { ReplySuggestion } from '@contracts/replies'
import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ApiError } from '@/shared/http'
import { fetchSuggestions, type ChatTarget } from './replies.api'

const DEBOUNCE_MS = 300

/**
 * Suggestions that follow the question as the manager types: debounced, and an older request is
 * aborted when a newer one starts, so a slow answer never overwrites a fresher one.
 */
export function useReplySuggestions(question: Ref<string>, target: () => ChatTarget) {
  const suggestions = ref<ReplySuggestion[]>([])
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)
  /** The question the current list answers ('' before the first search). */
  const searched = ref('')
  let timer: ReturnType<typeof setTimeout> | undefined
  let inflight: AbortController | undefined

  async function search(q: string): Promise<void> {
    inflight?.abort()
    const controller = new AbortController()
    inflight = controller
    isLoading.value = true
    error.value = null
    try {
      suggestions.value = await fetchSuggestions(q, target(), controller.signal)
      searched.value = q
    } catch (err) {
      if (!controller.signal.aborted) error.value = err as ApiError
    } finally {
      if (inflight === controller) isLoading.value = false
    }
  }

  watch(question, (value) => {
    clearTimeout(timer)
    const q = value.trim()
    if (!q) {
      inflight?.abort()
      suggestions.value = []
      searched.value = ''
      isLoading.value = false
      return
    }
    timer = setTimeout(() => search(q), DEBOUNCE_MS)
  })

  onBeforeUnmount(() => {
    clearTimeout(timer)
    inflight?.abort()
  })
  return {
    suggestions,
    isLoading,
    error,
    searched,
    refresh: () => (question.value.trim() ? search(question.value.trim()) : Promise.resolve()),
  }
}
