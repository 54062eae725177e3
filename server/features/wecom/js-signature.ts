import { createHash } from 'node:crypto'

/** The page URL as WeCom signs it: query kept, everything from the first `#` dropped. */
export function signableUrl(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/**
 * JS-SDK config/agentConfig signature (facts §2.2): sha1 hex over the four raw values in this exact
 * key order, no URL-encoding, timestamp in seconds. Same algorithm for the corp and the app ticket.
 */
export function jsapiSignature(input: {
  ticket: string
  nonceStr: string
  timestamp: number | string
  url: string
}): string {
  const raw =
    `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}` +
    `&timestamp=${input.timestamp}&url=${signableUrl(input.url)}`
  return createHash('sha1').update(raw, 'utf8').digest('hex')
}
