import type { GroupView } from '@contracts/groups'
import { ref, watch, type Ref } from 'vue'
import type { ApiError } from '@/shared/http'
import { fetchGroup } from './groups.api'

/** The open customer group with its members' verification states, refetched when the chat changes. */
export function useGroup(chatId: Ref<string | null>) {
  const group = ref<GroupView | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)

  async function reload(): Promise<void> {
    const id = chatId.value
    if (!id) return
    isLoading.value = true
    error.value = null
    try {
      group.value = await fetchGroup(id)
    } catch (err) {
      error.value = err as ApiError
    } finally {
      isLoading.value = false
    }
  }

  watch(chatId, reload, { immediate: true })
  return { group, isLoading, error, reload }
}
