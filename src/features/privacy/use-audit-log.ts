import type { AuditPage } from '@contracts/privacy'
import { reactive, ref, watch } from 'vue'
import type { ApiError } from '@/shared/http'
import { fetchAuditPage, type AuditFilters } from './privacy.api'

/** One page of the audit view, reloaded when the filters or the page change (a new filter starts at page 1). */
export function useAuditLog(pageSize = 20) {
  const filters = reactive<AuditFilters>({})
  const page = ref(1)
  const data = ref<AuditPage | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)
  async function reload(): Promise<void> {
    isLoading.value = true
    error.value = null
    try {
      data.value = await fetchAuditPage({ ...filters }, page.value, pageSize)
    } catch (err) {
      error.value = err as ApiError
    } finally {
      isLoading.value = false
    }
  }
  watch(filters, () => { if (page.value === 1) void reload(); else page.value = 1 })
  watch(page, reload, { immediate: true })
  return { filters, page, pageSize, data, isLoading, error, reload }
}
