import type { ChatEntry } from '@contracts/wecom'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getCurrentChatId, getCurrentContactId, getEntry } from '@/features/wecom/wecom-sdk'
import { toWecomError, type WecomError } from '@/features/wecom/wecom-errors'

const SINGLE_CHAT_ENTRIES: ChatEntry[] = ['single_chat_tools', 'contact_profile', 'single_kf_tools', 'chain_single_chat_tools']
const GROUP_CHAT_ENTRIES: ChatEntry[] = ['group_chat_tools', 'chain_group_chat_tools']

/** Where the sidebar was opened: which entry, and the current contact or group chat. */
export const useWecomContextStore = defineStore('wecom-context', () => {
  const entry = ref<ChatEntry | null>(null)
  const contactId = ref<string | null>(null)
  const chatId = ref<string | null>(null)
  const error = ref<WecomError | null>(null)
  const ready = ref(false)

  async function init(): Promise<void> {
    error.value = null
    try {
      entry.value = await getEntry()
      if (SINGLE_CHAT_ENTRIES.includes(entry.value)) contactId.value = await getCurrentContactId()
      else if (GROUP_CHAT_ENTRIES.includes(entry.value)) chatId.value = await getCurrentChatId()
    } catch (err) {
      error.value = toWecomError(err)
    } finally {
      ready.value = true
    }
  }

  return { entry, contactId, chatId, error, ready, init }
})
