import { computed, ref } from 'vue'
import { useAsync } from '@/shared/use-async'
import { fetchHandoverCustomers, fetchHandoverStaff, fetchProposals, fetchTransfers } from './handover.api'

/** The handover page's data: members, the chosen member's customers, transfers and proposals. */
export function useHandover() {
  const handover = ref('')
  const segment = ref('')
  const staff = useAsync(() => 0, fetchHandoverStaff)
  const customers = useAsync(
    () => [handover.value, segment.value],
    async () => (handover.value ? fetchHandoverCustomers(handover.value, segment.value || undefined) : []),
  )
  const transfers = useAsync(() => 0, fetchTransfers)
  const proposals = useAsync(() => 0, fetchProposals)
  const from = computed(() => staff.data.value?.find((s) => s.userid === handover.value))
  return { handover, segment, staff, customers, transfers, proposals, from }
}
