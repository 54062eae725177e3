import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HandoverProposalListSchema } from '../../../server/contracts/handover.js'
import { importFiles } from '../../../server/features/crm/import.service.js'
import { insertContact, insertCustomer } from '../support/factories.js'
import { CUSTOMER_HEADER, tempFiles } from '../crm/crm-fixtures.js'
import { friend, handoverBank, HOUR, signIn, startHandoverApp, T0 } from './handover-world.js'

describe('a CRM owner change of a WeCom friend proposes a handover when the import applies it', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  let b: Awaited<ReturnType<typeof handoverBank>>
  let seq = 100
  const db = () => w.app.ctx.db.kysely
  const boss = () => signIn(w.app, b.supervisor.wecom_userid)
  const line = (cif: string, owner: string) =>
    `${cif},李华,1390000${cif.slice(-4)},33010619900101${cif.slice(-4)},1990,男,财富,"1,200,000",R3,2026-01-05,${owner},${b.branch.id},是,浙江省,\n`
  async function importOwners(owners: Record<string, string>) {
    const f = tempFiles({
      'customers.csv':
        CUSTOMER_HEADER +
        Object.entries(owners)
          .map(([c, o]) => line(c, o))
          .join(''),
    })
    const run = await importFiles(w.app.ctx, [{ path: f.paths['customers.csv']!, name: 'customers.csv' }], {
      dryRun: false,
      trigger: 'cli',
      actorStaffId: null,
    })
    f.cleanup()
    expect(run.status).toBe('succeeded')
    return run
  }
  const held = (n: number) =>
    friend(db(), b.branch.id, b.from.wecom_userid, b.from.id, new Date(T0.getTime() - 48 * HOUR), n)
  const proposalsOf = (ext: string) =>
    db().selectFrom('handover_proposals').selectAll().where('external_userid', '=', ext).orderBy('id').execute()

  beforeAll(async () => {
    w = await startHandoverApp()
    b = await handoverBank(db())
  })
  afterAll(async () => {
    await w.close()
  })

  it('when the import moves a customer from the holder to another member, then an open proposal is stored in the same run and listed with its date', async () => {
    const c = await held(++seq)
    const run = await importOwners({ [c.cif]: b.to.id })
    const stored = await proposalsOf(c.ext)
    expect(stored).toEqual([
      expect.objectContaining({
        holder_userid: b.from.wecom_userid,
        crm_owner_userid: b.to.wecom_userid,
        previous_owner_staff_id: b.from.id,
        crm_run_id: run.id,
        status: 'open',
      }),
    ])
    const listed = (await (await boss()).request('GET', '/api/handover/proposals')).body(HandoverProposalListSchema)
    expect(listed.items.find((p) => p.externalUserId === c.ext)).toMatchObject({
      holderName: '王敏',
      crmOwnerName: '赵强',
      proposedAt: stored[0]!.proposed_at,
    })
  })

  it('when the new CRM owner is already the customer’s WeCom friend, or the owner did not change, then nothing is proposed', async () => {
    const c = await held(++seq)
    await insertContact(db(), b.to.wecom_userid, { external_userid: c.ext, add_time: T0.toISOString() })
    const same = await held(++seq)
    await importOwners({ [c.cif]: b.to.id, [same.cif]: b.from.id })
    expect(await proposalsOf(c.ext)).toEqual([])
    expect(await proposalsOf(same.ext)).toEqual([])
  })

  it('when a later import moves the customer back, then the open proposal is settled and no longer listed', async () => {
    const c = await held(++seq)
    await importOwners({ [c.cif]: b.third.id })
    expect((await proposalsOf(c.ext)).map((p) => p.status)).toEqual(['open'])
    await importOwners({ [c.cif]: b.from.id })
    expect((await proposalsOf(c.ext)).map((p) => p.status)).toEqual(['settled'])
    const listed = (await (await boss()).request('GET', '/api/handover/proposals')).body(HandoverProposalListSchema)
    expect(listed.items.map((p) => p.externalUserId)).not.toContain(c.ext)
  })

  it('when the supervisor dismisses a proposal, then it leaves the list, is stored as dismissed and audited; starting a handover closes another as started', async () => {
    const kept = await held(++seq)
    const moved = await held(++seq)
    await importOwners({ [kept.cif]: b.to.id, [moved.cif]: b.to.id })
    const dismissed = await (
      await boss()
    ).request('POST', '/api/handover/proposals/dismiss', {
      externalUserIds: [kept.ext],
    })
    expect(dismissed.json).toEqual({ dismissed: 1 })
    expect((await proposalsOf(kept.ext)).map((p) => p.status)).toEqual(['dismissed'])
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'handover.dismiss').execute()
    expect(audit).toHaveLength(1)

    const started = await (
      await boss()
    ).request('POST', '/api/handover/transfers', {
      kind: 'onjob',
      handoverUserid: b.from.wecom_userid,
      takeoverUserid: b.to.wecom_userid,
      externalUserIds: [moved.ext],
    })
    expect(started.status).toBe(201)
    expect((await proposalsOf(moved.ext)).map((p) => p.status)).toEqual(['started'])
    const listed = (await (await boss()).request('GET', '/api/handover/proposals')).body(HandoverProposalListSchema)
    expect(listed.items.map((p) => p.externalUserId)).not.toContain(kept.ext)
    expect(listed.items.map((p) => p.externalUserId)).not.toContain(moved.ext)
  })

  it('when someone other than a supervisor asks to dismiss, then 403 and nothing changes', async () => {
    const c = await held(++seq)
    await importOwners({ [c.cif]: b.to.id })
    const manager = await signIn(w.app, b.from.wecom_userid)
    const res = await manager.request('POST', '/api/handover/proposals/dismiss', { externalUserIds: [c.ext] })
    expect(res.status).toBe(403)
    expect((await proposalsOf(c.ext)).map((p) => p.status)).toEqual(['open'])
  })

  it('when a contact was bound again later to a customer another member owns, then its first binding decides: no proposal while the holder owns that one', async () => {
    const c = await held(++seq)
    const other = await insertCustomer(db(), b.branch.id, { owner_staff_id: b.to.id })
    await db()
      .insertInto('bindings')
      .values({
        external_userid: c.ext,
        cif_no: other.cif_no,
        staff_userid: b.from.wecom_userid,
        verified_at: T0.toISOString(),
        method: 'link',
        verification_id: null,
        ip_province: '浙江',
      })
      .execute()
    const list = async () =>
      (await (await boss()).request('GET', '/api/handover/proposals'))
        .body(HandoverProposalListSchema)
        .items.filter((p) => p.externalUserId === c.ext)
    expect(await list()).toEqual([])
    await importOwners({ [c.cif]: b.third.id })
    expect((await list()).map((p) => p.crmOwnerUserid)).toEqual([b.third.wecom_userid])
  })
})
