import type { MyEscalation } from '@contracts/replies'
import { onBeforeUnmount, ref } from 'vue'
import { fetchMyEscalations, type ChatTarget } from './replies.api'

const FIRST_DELAY_MS = 3_000
const MAX_DELAY_MS = 30_000

/**
 * The manager's 问中台 questions, kept fresh while any is unanswered: polling (stateless behind a load
 * balancer) that backs off from 3 s to 30 s and starts fast again after a new question. `onAnswered`
 * fires once per answer that arrives while the tab is open.
 */
export function useMyEscalations(target: () => ChatTarget, onAnswered: (e: MyEscalation) => void) {
  const escalations = ref<MyEscalation[]>([])
  const isLoading = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let delay = FIRST_DELAY_MS
  let stopped = false

  const pending = () => escalations.value.some((e) => e.status !== 'answered')

  async function load(): Promise<void> {
    const before = new Map(escalations.value.map((e) => [e.id, e.status]))
    isLoading.value = escalations.value.length === 0
    try {
      escalations.value = await fetchMyEscalations(target())
      for (const e of escalations.value) {
        const was = before.get(e.id)
        if (was && was !== 'answered' && e.status === 'answered') onAnswered(e)
      }
    } catch {
      // A failed poll is retried on the next tick; the list keeps its last known state.
    } finally {
      isLoading.value = false
    }
  }

  function schedule(): void {
    clearTimeout(timer)
    if (stopped || !pending()) return
    timer = setTimeout(async () => {
      await load()
      delay = Math.min(delay * 1.5, MAX_DELAY_MS)
      schedule()
    }, delay)
  }

  /** Loads now and polls (fast again) while anything is unanswered. */
  async function refresh(): Promise<void> {
    delay = FIRST_DELAY_MS
    await load()
    schedule()
  }

  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(timer)
  })
  return { escalations, isLoading, refresh }
}
