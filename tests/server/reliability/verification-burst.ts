import { client } from '../support/test-app.js'

export interface PreparedVerification {
  token: string
  code: string
  externalUserId: string
}

/**
 * Up to `limit` of one manager's unverified contacts, each with a link issued, opened, and an SMS code
 * requested with the person's true name and phone — ready for the confirmations of the burst.
 */
export async function prepareVerifications(
  base: string,
  userid: string,
  limit: number,
): Promise<PreparedVerification[]> {
  const manager = client(base)
  await manager.request('POST', '/api/demo/login', { userid })
  const contacts = (await (await fetch(`${base}/simulator/api/staff/${userid}/contacts`)).json()) as {
    contacts: Array<{ externalUserId: string }>
  }
  const prepared: PreparedVerification[] = []
  for (const [i, c] of contacts.contacts.entries()) {
    if (prepared.length >= limit) break
    const created = await manager.request('POST', '/api/verifications', { externalUserId: c.externalUserId })
    if (created.status !== 201) continue // already verified, or a relation the member deleted
    const token = new URL(created.json.url).pathname.split('/').pop()!
    const person = (await (await fetch(`${base}/simulator/api/people/${c.externalUserId}`)).json()) as {
      name: string
      phone: string
    }
    const customer = client(base, { 'x-forwarded-for': `198.51.100.${(i % 250) + 1}` })
    await customer.request('GET', `/api/public/verifications/${token}`)
    const sms = await customer.request('POST', `/api/public/verifications/${token}/sms`, {
      name: person.name,
      phone: person.phone,
      consent: true,
    })
    if (sms.status !== 202) continue
    const outbox = (await (await fetch(`${base}/simulator/api/sms-outbox?phone=${person.phone}`)).json()) as {
      messages: Array<{ text: string }>
    }
    prepared.push({ token, code: /(\d{6})/.exec(outbox.messages[0]!.text)![1]!, externalUserId: c.externalUserId })
  }
  return prepared
}

/** Confirms a prepared verification; 0 when the connection died with the server. */
export async function confirm(base: string, v: PreparedVerification, lane: number): Promise<number> {
  try {
    const res = await client(base, { 'x-forwarded-for': `203.0.113.${lane + 1}` }).request(
      'POST',
      `/api/public/verifications/${v.token}/confirm`,
      { code: v.code },
    )
    return res.status
  } catch {
    return 0
  }
}
