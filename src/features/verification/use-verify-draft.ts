import { ref, watch } from 'vue'

interface Draft {
  name: string
  phone: string
  consent: boolean
}

/**
 * What the customer typed on this link, kept in the tab's sessionStorage so a reload (WeChat's ⋯ → 刷新,
 * or switching apps to read the SMS) does not clear it. The server keeps no copy of the typed name
 * and phone; it says whether a code is still valid and when the next one may be sent.
 */
export function useVerifyDraft(token: string) {
  const key = `advisor:verify:${token.slice(0, 16)}`
  const saved = read(key)
  const name = ref(saved?.name ?? '')
  const phone = ref(saved?.phone ?? '')
  const consent = ref(saved?.consent ?? false)
  watch([name, phone, consent], () => write(key, { name: name.value, phone: phone.value, consent: consent.value }))
  return { name, phone, consent, clear: () => remove(key) }
}

function read(key: string): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Draft) : undefined
  } catch {
    return undefined
  }
}

function write(key: string, draft: Draft): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft))
  } catch {
    // Storage off (private mode): the page still works, it only forgets on reload.
  }
}

function remove(key: string): void {
  try {
    sessionStorage.removeItem(key)
  } catch {
    // as above
  }
}
