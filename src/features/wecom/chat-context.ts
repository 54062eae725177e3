import type { ChatEntry } from '@contracts/wecom'
import { getCurrentChatId, getCurrentContactId, getEntry } from './wecom-sdk'

const SINGLE_CHAT_ENTRIES: ChatEntry[] = [
  'single_chat_tools',
  'contact_profile',
  'single_kf_tools',
  'chain_single_chat_tools',
]
const GROUP_CHAT_ENTRIES: ChatEntry[] = ['group_chat_tools', 'chain_group_chat_tools']

/** Where the sidebar was opened: the entry, and the contact (single chat) or customer group (group chat). */
export interface ChatContext {
  entry: ChatEntry
  contactId: string | null
  chatId: string | null
}

/** Asks the JS-SDK (registering the page first): getContext, then the current contact or group chat. */
export async function readChatContext(): Promise<ChatContext> {
  const entry = await getEntry()
  if (SINGLE_CHAT_ENTRIES.includes(entry)) return { entry, contactId: await getCurrentContactId(entry), chatId: null }
  if (GROUP_CHAT_ENTRIES.includes(entry)) return { entry, contactId: null, chatId: await getCurrentChatId(entry) }
  return { entry, contactId: null, chatId: null }
}

let started: Promise<ChatContext> | undefined
// The early read's answer once it is in: the shell can then render the chat's view in its first render.
let answered: ChatContext | undefined

/** Starts reading the context early (the sidebar's boot, before Vue is up); `takeChatContext` hands it over. */
export function startChatContext(): Promise<ChatContext> {
  if (!started) {
    const early = readChatContext()
    started = early
    early.then(
      (context) => {
        if (started === early) answered = context
      },
      () => {
        /* whoever takes it handles a failure */
      },
    )
  }
  return started
}

/**
 * The context started early, handed over once (a retry asks the SDK again), or a fresh read. `ready` is
 * the early read's answer when it is already in, so the caller need not wait a turn for it.
 */
export function takeChatContext(): { ready?: ChatContext; pending: Promise<ChatContext> } {
  const early = started
  const ready = answered
  started = undefined
  answered = undefined
  return { ready, pending: early ?? readChatContext() }
}
