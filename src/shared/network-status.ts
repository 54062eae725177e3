import { ref } from 'vue'

/**
 * False while the API cannot be reached (no response at all, or a timeout): set by the http client on
 * every call, so any tab showing what it loaded earlier can say the data may be stale.
 */
export const apiReachable = ref(true)

/** Records the outcome of one API call: any HTTP response means the API is reachable. */
export function noteApiCall(gotResponse: boolean): void {
  if (apiReachable.value !== gotResponse) apiReachable.value = gotResponse
}

if (typeof window !== 'undefined') window.addEventListener('offline', () => noteApiCall(false))
