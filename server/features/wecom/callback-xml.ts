import { XMLParser } from 'fast-xml-parser'
import { z } from 'zod'
import { parseFlatXml } from './flat-xml.js'

// Values stay strings: MsgId and CreateTime must not go through a double.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: false,
  ignoreDeclaration: true,
})

const Outer = z.object({ xml: z.looseObject({ Encrypt: z.string().min(1), ToUserName: z.string().optional() }) })

const opt = z.string().optional()
/** The decrypted message or event; only the fields we key on or act on are typed. */
export const InnerMessage = z.looseObject({
  ToUserName: z.string(),
  FromUserName: z.string(),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1),
  MsgId: opt,
  Event: opt,
  ChangeType: opt,
  UserID: opt,
  ExternalUserID: opt,
  State: opt,
  WelcomeCode: opt,
  Source: opt,
  ChatId: opt,
  UpdateDetail: opt,
  Id: opt,
  TagType: opt,
  FailReason: opt,
})
export type InnerMessage = z.infer<typeof InnerMessage>

function parseXml(xml: string, validate: boolean): unknown {
  // WeCom never sends a DTD; refusing one rules out entity-expansion tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined
  try {
    return parser.parse(xml, validate)
  } catch {
    return undefined
  }
}

/**
 * `<Encrypt>` of the outer envelope, or undefined when the body is not that XML. WeCom's envelope as it
 * always comes (flat `<xml>`: ToUserName, AgentID, Encrypt) is read without an XML parser; anything else
 * takes the full (validating) parse. The signature covers the Encrypt value, so this only has to find it.
 */
export function parseOuterEncrypt(body: string): string | undefined {
  const flat = parseFlatXml(body)
  if (flat) return flat.Encrypt || undefined
  const parsed = Outer.safeParse(parseXml(body, true))
  return parsed.success ? parsed.data.xml.Encrypt : undefined
}

/** The decrypted message: it passed the signature check, so it is WeCom's own XML; flat read first, full parse for the rest. */
export function parseInnerMessage(xml: string): InnerMessage | undefined {
  const root = parseFlatXml(xml) ?? (parseXml(xml, false) as { xml?: unknown } | undefined)?.xml
  const parsed = InnerMessage.safeParse(root)
  return parsed.success ? parsed.data : undefined
}

/** Fields that tell two same-second events of a kind apart beyond the contact ones (group, tag, handover). */
const EXTRA_KEYS = ['ChatId', 'UpdateDetail', 'Id', 'TagType', 'FailReason', 'Source'] as const

/**
 * Messages dedupe on MsgId; events on FromUserName + CreateTime plus every identifying field. The extra
 * fields are appended only when present, so a contact event keeps the key it had before they were added.
 */
export function callbackDedupeKey(m: InnerMessage): string {
  if (m.MsgId) return `msg:${m.MsgId}`
  const parts = [m.FromUserName, m.CreateTime, m.Event, m.ChangeType, m.UserID, m.ExternalUserID]
  const extra = EXTRA_KEYS.flatMap((k) => (m[k] ? [`${k}=${m[k]}`] : []))
  return `evt:${[...parts.map((p) => p ?? ''), ...extra].join(':')}`
}
