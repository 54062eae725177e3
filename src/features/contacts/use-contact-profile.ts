import type { ContactProfile } from '@contracts/contacts'
import { ref, watch, type Ref } from 'vue'
import { fromFetched, toApiError, type ApiError } from '@/shared/http'
import { fetchContactProfile } from './contacts.api'
import { takePrefetchedProfile } from './profile-prefetch'

/** The sidebar's first screen, fetched in one call whenever the contact changes. */
export function useContactProfile(externalUserId: Ref<string | null>) {
  const profile = ref<ContactProfile | null>(null)
  const isLoading = ref(false)
  const error = ref<ApiError | null>(null)

  async function reload(): Promise<void> {
    const id = externalUserId.value
    if (!id) return
    error.value = null
    // The sidebar's boot may have asked already (src/sidebar/sidebar-boot.ts); an answer already in is
    // shown at once, so the panel's first render is the profile.
    const early = takePrefetchedProfile(id)
    if (early?.ready) {
      if (early.ready.ok) profile.value = early.ready.data as ContactProfile
      else error.value = toApiError(early.ready.status, early.ready.data)
      return
    }
    isLoading.value = true
    try {
      profile.value = early ? await fromFetched<ContactProfile>(early.pending) : await fetchContactProfile(id)
    } catch (err) {
      error.value = err as ApiError
    } finally {
      isLoading.value = false
    }
  }

  watch(externalUserId, reload, { immediate: true })
  return { profile, isLoading, error, reload }
}
