import type { PendingCounts } from '@contracts/console'
import { ref } from 'vue'
import { http } from '@/shared/http'

/** The console menu's pending numbers (middle office only); a failed read leaves the menu without numbers. */
export function usePendingCounts() {
  const counts = ref<PendingCounts | null>(null)
  async function refresh(): Promise<void> {
    counts.value = await http
      .get<PendingCounts>('/console/pending')
      .then((r) => r.data)
      .catch(() => counts.value)
  }
  return { counts, refresh }
}
