import { XMLParser } from 'fast-xml-parser'
import { z } from 'zod'

// Values stay strings: MsgId and CreateTime must not go through a double.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, htmlEntities: false, ignoreDeclaration: true })

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
  Source: opt,
})
export type InnerMessage = z.infer<typeof InnerMessage>

function parseXml(xml: string): unknown {
  // WeCom never sends a DTD; refusing one rules out entity-expansion tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined
  try {
    return parser.parse(xml, true)
  } catch {
    return undefined
  }
}

/** `<Encrypt>` of the outer envelope, or undefined when the body is not that XML. */
export function parseOuterEncrypt(body: string): string | undefined {
  const parsed = Outer.safeParse(parseXml(body))
  return parsed.success ? parsed.data.xml.Encrypt : undefined
}

export function parseInnerMessage(xml: string): InnerMessage | undefined {
  const root = parseXml(xml) as { xml?: unknown } | undefined
  const parsed = InnerMessage.safeParse(root?.xml)
  return parsed.success ? parsed.data : undefined
}

/** Messages dedupe on MsgId; events on FromUserName + CreateTime plus what tells two contact events apart. */
export function callbackDedupeKey(m: InnerMessage): string {
  if (m.MsgId) return `msg:${m.MsgId}`
  const parts = [m.FromUserName, m.CreateTime, m.Event, m.ChangeType, m.UserID, m.ExternalUserID]
  return `evt:${parts.map((p) => p ?? '').join(':')}`
}
