import type { Me } from '@contracts/session'
import type { JsSignatures } from '@contracts/wecom'
import { prefetchContactProfile } from '@/features/contacts/profile-prefetch'
import { startChatContext } from '@/features/wecom/chat-context'
import { isInWecom, primeJsSignatures } from '@/features/wecom/wecom-sdk'

/**
 * The sidebar's boot: a small chunk without Vue that the server starts from /sidebar's HTML, so the
 * JS-SDK registration (agentConfig), the chat context and the profile request run while the rest of the
 * app is still downloading. It reads what the server embedded for a signed-in manager
 * (server/lib/sidebar-bootstrap.ts): who is signed in and the JS-SDK signatures of this page.
 * Without that block (not signed in yet, or another server) it does nothing: the shell then asks the API.
 */
export interface SidebarBootstrap {
  me?: Me
  jsSignatures?: JsSignatures & { url: string }
}

const BOOTSTRAP_ID = 'advisor-bootstrap'

function readBootstrap(): SidebarBootstrap {
  const text = document.getElementById(BOOTSTRAP_ID)?.textContent
  if (!text) return {}
  try {
    const data = JSON.parse(text) as SidebarBootstrap | null
    return data && typeof data === 'object' ? data : {}
  } catch {
    return {}
  }
}

export const sidebarBootstrap: Readonly<SidebarBootstrap> = readBootstrap()

if (sidebarBootstrap.me && isInWecom()) {
  const { jsSignatures } = sidebarBootstrap
  if (jsSignatures) {
    const { url, ...signatures } = jsSignatures
    primeJsSignatures(url, signatures)
  }
  startChatContext().then(
    (context) => {
      if (context.contactId) prefetchContactProfile(context.contactId)
    },
    () => {
      /* the shell shows the error when it takes the context */
    },
  )
}
