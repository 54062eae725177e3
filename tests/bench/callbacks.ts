import { randomBytes } from 'node:crypto'
import type { Config } from '../../server/config.js'
import { contactEventXml } from '../../server/features/simulator/callback-emitter.js'
import { computeMsgSignature, encryptMessage } from '../../server/features/wecom/callback-crypto.js'
import type { BenchServer } from './child-process.js'
import { load, type LoadResult, type NextRequest } from './load.js'
import type { Manager } from './subjects.js'

/** WeCom re-delivers when it does not see a 200 in time: about one delivery in five is a repeat here. */
const REPEAT_EVERY = 5
/** The receiver rejects timestamps more than 10 minutes off; stay well inside that for the whole run. */
const SPREAD_SECONDS = 300

/**
 * Signed, encrypted `change_external_contact` deliveries built like the simulator's emitter, before the
 * run so the client's crypto does not compete with the server's. Each (pair, CreateTime) is unique,
 * so every delivery that is not a deliberate repeat is a new event.
 */
export function callbackDeliveries(config: Config, managers: Manager[], count: number): NextRequest[] {
  const { corpId, agentId, callbackToken, callbackAesKey } = config.wecom
  const pairs = managers.flatMap((m) => m.contacts.map((c) => [m.userid, c] as const))
  const now = Math.floor(Date.now() / 1000)
  const out: NextRequest[] = []
  for (let i = 0; out.length < count; i++) {
    if (out.length % REPEAT_EVERY === REPEAT_EVERY - 1) {
      out.push(out[Math.floor(Math.random() * out.length)]!)
      continue
    }
    const [userid, externalUserId] = pairs[i % pairs.length]!
    const createTime = now - (Math.floor(i / pairs.length) % SPREAD_SECONDS)
    const xml = contactEventXml(corpId, { changeType: 'edit_external_contact', userid, externalUserId }, createTime)
    const encrypted = encryptMessage(xml, callbackAesKey, corpId, randomBytes(16))
    const timestamp = String(createTime)
    const nonce = String(1_000_000_000 + i)
    const signature = computeMsgSignature(callbackToken, timestamp, nonce, encrypted)
    out.push({
      method: 'POST',
      path: `/api/wecom/callback?${new URLSearchParams({ msg_signature: signature, timestamp, nonce })}`,
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><AgentID><![CDATA[${agentId}]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    })
  }
  return out
}

/** Deliveries per second at max throughput; once the pool runs out every further delivery is a repeat. */
export async function runCallbacks(
  server: BenchServer,
  deliveries: NextRequest[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  let i = 0
  return load(server, { seconds, connections, next: () => deliveries[i++ % deliveries.length]! })
}
