import type { ContactProfile } from '@contracts/contacts'
import { ref, watch, type Ref } from 'vue'
import type { ApiError } from '@/shared/http'
import { fetchContactProfile } from './contacts.api'

/** The sidebar's first screen, fetched in one call whenever the contact changes. */
export function useContactProfile(externalUserId: Ref<string | null>) {
  const profile = ref<ContactProfile | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)

  async function reload(): Promise<void> {
    const id = externalUserId.value
    if (!id) return
    isLoading.value = true
    error.value = null
    try {
      profile.value = await fetchContactProfile(id)
    } catch (err) {
      error.value = err as ApiError
    } finally {
      isLoading.value = false
    }
  }

  watch(externalUserId, reload, { immediate: true })
  return { profile, isLoading, error, reload }
}
