import type { ChatEntry } from '@contracts/wecom'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { takeChatContext, type ChatContext } from '@/features/wecom/chat-context'
import { toWecomError, type WecomError } from '@/features/wecom/wecom-errors'

/** Where the sidebar was opened: which entry, and the current contact or group chat. */
export const useWecomContextStore = defineStore('wecom-context', () => {
  const entry = ref<ChatEntry | null>(null)
  const contactId = ref<string | null>(null)
  const chatId = ref<string | null>(null)
  const error = ref<WecomError | null>(null)
  const ready = ref(false)

  function apply(context: ChatContext): void {
    entry.value = context.entry
    contactId.value = context.contactId
    chatId.value = context.chatId
  }

  async function init(): Promise<void> {
    error.value = null
    // The sidebar's boot may have started this before the app was up (src/sidebar/sidebar-boot.ts); when its
    // answer is already in, apply it now, so the shell's first render is the chat's view.
    const { ready: known, pending } = takeChatContext()
    if (known) {
      apply(known)
      ready.value = true
      return
    }
    try {
      apply(await pending)
    } catch (err) {
      error.value = toWecomError(err)
    } finally {
      ready.value = true
    }
  }

  return { entry, contactId, chatId, error, ready, init }
})
