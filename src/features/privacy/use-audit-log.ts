import { reactive, ref, watch } from 'vue'
import { useAsync } from '@/shared/use-async'
import { fetchAuditPage, type AuditFilters } from './privacy.api'

/** One page of the audit view, reloaded when the filters or the page change (a new filter starts at page 1). */
export function useAuditLog(pageSize = 20) {
  const filters = reactive<AuditFilters>({})
  const page = ref(1)
  const { data, isLoading, error, reload } = useAsync(page, () => fetchAuditPage({ ...filters }, page.value, pageSize))
  watch(
    filters,
    () => {
      if (page.value === 1) void reload()
      else page.value = 1
    },
    { deep: true },
  )
  return { filters, page, pageSize, data, isLoading, error, reload }
}
