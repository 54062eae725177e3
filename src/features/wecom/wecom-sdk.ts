import type { ChatEntry, JsSignatures } from '@contracts/wecom'
import * as ww from '@wecom/jssdk'
import { fetchJsSignatures } from './wecom.api'
import { toWecomError, WecomError } from './wecom-errors'

const JS_API_LIST = [
  'getContext',
  'getCurExternalContact',
  'getCurExternalChat',
  'getCurCorpGroupContact',
  'getCurCorpGroupChat',
  'sendChatMessage',
  'openUserProfile',
  'selectExternalContact',
  'shareToExternalMoments',
  'openEnterpriseChat',
]

const pageUrl = () => window.location.href.split('#')[0]!

let registered: Promise<void> | undefined
let primed: { url: string; signatures: JsSignatures } | undefined

/**
 * Signatures the server already made for `url` (embedded in the sidebar's HTML): the first registration
 * uses them instead of asking `/api/wecom/js-signatures`, if the page is still at that URL. Used once.
 */
export function primeJsSignatures(url: string, signatures: JsSignatures): void {
  primed = { url, signatures }
}

/**
 * Registers the page with the JS-SDK once. The first signature request also tells us corpId/agentId,
 * so registration costs one round trip (none with primed signatures); the SDK asks again only if the
 * page URL changes.
 */
export function registerWecom(): Promise<void> {
  registered ??= (async () => {
    if (!ww.env.isWeCom) throw new WecomError('not_in_wecom', '请在企业微信聊天工具栏中打开')
    let signedUrl = pageUrl()
    const embedded = primed?.url === signedUrl ? primed.signatures : undefined
    primed = undefined
    let prefetched: JsSignatures = embedded ?? (await fetchJsSignatures(signedUrl))
    const signaturesFor = async (url: string) => {
      if (url !== signedUrl) {
        prefetched = await fetchJsSignatures(url)
        signedUrl = url
      }
      return prefetched
    }
    // The sidebar needs the app identity (agentConfig) for every chat-toolbar API: always pass both.
    ww.register({
      corpId: prefetched.corpId,
      agentId: prefetched.agentId,
      jsApiList: JS_API_LIST,
      getConfigSignature: async (url) => (await signaturesFor(url)).corp,
      getAgentConfigSignature: async (url) => (await signaturesFor(url)).agent,
    })
    await ww.ensureAgentConfigReady().catch((err: unknown) => {
      throw toWecomError(err)
    })
  })()
  registered.catch(() => {
    registered = undefined
  })
  return registered
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  await registerWecom()
  try {
    return await fn()
  } catch (err) {
    throw toWecomError(err)
  }
}

export const isInWecom = () => ww.env.isWeCom

export async function getEntry(): Promise<ChatEntry> {
  const res = await call(() => ww.getContext())
  return res.entry as ChatEntry
}

/** The contact of the current chat; a 上下游 (chain) chat answers only to getCurCorpGroupContact. */
export async function getCurrentContactId(entry?: ChatEntry): Promise<string> {
  if (entry === 'chain_single_chat_tools') return (await call(() => ww.getCurCorpGroupContact({}))).userId
  return (await call(() => ww.getCurExternalContact())).userId
}

/** The group of the current chat; a 上下游 (chain) group answers only to getCurCorpGroupChat. */
export async function getCurrentChatId(entry?: ChatEntry): Promise<string> {
  if (entry === 'chain_group_chat_tools') return (await call(() => ww.getCurCorpGroupChat())).chatId
  return (await call(() => ww.getCurExternalChat())).chatId
}

/** Customer moments exist only in the phone clients (≥ 3.1.12): pages hide the action elsewhere. */
export const supportsMoments = (): boolean =>
  ww.env.isWeCom && /Android|iPhone|iPad|HarmonyOS/i.test(navigator.userAgent)

export async function sendText(content: string): Promise<void> {
  await call(() => ww.sendChatMessage({ msgtype: 'text', text: { content } }))
}

/** An H5 link card; WeCom requires all four fields. */
export async function sendNews(news: { link: string; title: string; desc: string; imgUrl: string }): Promise<void> {
  await call(() => ww.sendChatMessage({ msgtype: 'news', news }))
}

/** An image by temporary media id (server `media/upload`, valid 3 days). */
export async function sendImage(mediaid: string): Promise<void> {
  await call(() => ww.sendChatMessage({ msgtype: 'image', image: { mediaid } }))
}

/** Opens WeCom's customer-moments composer with the text (phone clients ≥ 3.1.12; not on desktop). */
export async function shareToExternalMoments(text: string): Promise<void> {
  if (!supportsMoments()) throw new WecomError('wrong_entry', '发表客户朋友圈仅支持手机企业微信，请在手机上操作')
  await call(() => ww.shareToExternalMoments({ text: { content: text } }))
}

/** Opens (or starts) the single chat with a customer: the sidebar's one-tap "go to this customer". */
export async function openChat(externalUserId: string): Promise<void> {
  await call(() => ww.openEnterpriseChat({ externalUserIds: [externalUserId], userIds: [], groupName: '' }))
}
