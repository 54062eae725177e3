import type { ContactProfile } from '@contracts/contacts'
import { onBeforeUnmount, ref } from 'vue'
import { fetchVerificationState } from './verification.api'

type State = ContactProfile['verification']

const FIRST_DELAY_MS = 2_000
const MAX_DELAY_MS = 15_000
const GIVE_UP_AFTER_MS = 30 * 60_000

/**
 * Watches a contact's verification while a link is out, so the sidebar flips to 已认证 without a reload.
 * Polling (not a socket) keeps it stateless behind a load balancer; the delay backs off to 15 s.
 */
export function useVerificationPolling(onChange: (state: State) => void) {
  const polling = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let last: string | undefined

  function stop() {
    clearTimeout(timer)
    polling.value = false
  }

  function start(externalUserId: string, current: State['status']) {
    stop()
    last = current
    polling.value = true
    const startedAt = Date.now()
    const tick = async (delay: number) => {
      try {
        const state = await fetchVerificationState(externalUserId)
        if (state.status !== last) {
          last = state.status
          onChange(state)
        }
        if (state.status === 'verified' || state.status === 'expired') return stop()
      } catch {
        // A failed poll is retried on the next tick; the page shows the last known state meanwhile.
      }
      if (Date.now() - startedAt > GIVE_UP_AFTER_MS) return stop()
      const next = Math.min(delay * 1.5, MAX_DELAY_MS)
      timer = setTimeout(() => tick(next), next)
    }
    timer = setTimeout(() => tick(FIRST_DELAY_MS), FIRST_DELAY_MS)
  }

  onBeforeUnmount(stop)
  return { polling, start, stop }
}
