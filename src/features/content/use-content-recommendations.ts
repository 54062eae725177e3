import type { ContentTopic, Recommendations } from '@contracts/content'
import { ref, watch, type Ref } from 'vue'
import { ApiError } from '@/shared/http'
import { fetchRecommendations, type ChatTarget } from './content-sidebar.api'

/** Ranked items for the open chat; reloads when the contact, topic or search changes. */
export function useContentRecommendations(target: () => ChatTarget, topic: Ref<ContentTopic | ''>, q: Ref<string>) {
  const data = ref<Recommendations | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)
  let seq = 0

  async function reload() {
    const t = target()
    if (!t.externalUserId && !t.chatId) return
    const mine = ++seq
    isLoading.value = true
    error.value = null
    try {
      const res = await fetchRecommendations(t, { topic: topic.value || undefined, q: q.value.trim() || undefined })
      if (mine === seq) data.value = res
    } catch (err) {
      if (mine === seq) error.value = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', '加载失败，请重试')
    } finally {
      if (mine === seq) isLoading.value = false
    }
  }

  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(q, () => {
    clearTimeout(debounce)
    debounce = setTimeout(reload, 300)
  })
  watch([topic, () => JSON.stringify(target())], reload, { immediate: true })
  return { data, isLoading, error, reload }
}
