import type { SidebarActivity } from '@contracts/content'
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { fetchActivity } from './content-sidebar.api'

const POLL_MS = 10_000

/** 我想咨询 inquiries and withdrawn-item notices for this manager, polled while the tab is open. */
export function useContentActivity(externalUserId: () => string | null) {
  const activity = ref<SidebarActivity>({ inquiries: [], notices: [] })
  let timer: ReturnType<typeof setInterval> | undefined

  async function reload() {
    try {
      activity.value = await fetchActivity(externalUserId() ?? undefined)
    } catch {
      // A missed poll is retried on the next tick; the list keeps what it showed.
    }
  }
  onMounted(() => {
    void reload()
    timer = setInterval(reload, POLL_MS)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return { activity, reload }
}
