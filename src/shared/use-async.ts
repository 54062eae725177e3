import { ref, watch, type WatchSource } from 'vue'
import type { ApiError } from '@/shared/http'

/** Fetched data with loading and error state, reloaded whenever `source` changes. */
export function useAsync<T>(source: WatchSource, load: () => Promise<T>) {
  const data = ref<T | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)
  async function reload(): Promise<void> {
    isLoading.value = true
    error.value = null
    try {
      data.value = await load()
    } catch (err) {
      error.value = err as ApiError
    } finally {
      isLoading.value = false
    }
  }
  watch(source, reload, { immediate: true, deep: true })
  return { data, isLoading, error, reload }
}
