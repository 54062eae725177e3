import type { Db } from '../../../server/db/connect.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { insertPerson } from '../simulator/factories.js'
import { insertGroup } from '../simulator/group-factories.js'

/**
 * A sub-branch with a group owned by `manager`: `colleague` sits in it, `outsider` (same branch) does
 * not. Externals: `verified` (bound to a 私行 customer), `pending` and `plain` (the manager's
 * contacts) and `stranger` (joined by QR code, not the manager's contact).
 */
export async function groupWorld(db: Db) {
  const k = db.kysely
  const branch = await insertBranch(k, { name: '杭州西湖支行' })
  const manager = await insertStaff(k, branch.id, 'front', { name: '王敏' })
  const colleague = await insertStaff(k, branch.id, 'front', { name: '赵强' })
  const outsider = await insertStaff(k, branch.id, 'front', { name: '钱多多' })
  const supervisor = await insertStaff(k, branch.id, 'supervisor', { name: '孙行长' })
  const middle = await insertStaff(k, branch.id, 'middle', { name: '中台小李' })
  const person = async (name: string, isContact: boolean) => {
    const id = await insertPerson(db, { name })
    if (isContact) await insertContact(k, manager.wecom_userid, { external_userid: id, name })
    return id
  }
  const verified = await person('李华', true)
  const pending = await person('周杰', true)
  const plain = await person('陈静', true)
  const stranger = await person('刘洋', false)
  const customer = await insertCustomer(k, branch.id, { owner_staff_id: manager.id, segment: 'private', name: '李华' })
  await k
    .insertInto('bindings')
    .values({
      external_userid: verified,
      cif_no: customer.cif_no,
      staff_userid: manager.wecom_userid,
      verified_at: '2026-10-01T02:00:00.000Z',
      method: 'link',
      verification_id: null,
    })
    .execute()
  const chatId = await insertGroup(
    db,
    manager.wecom_userid,
    [
      [verified, 2],
      [colleague.wecom_userid, 1],
      [pending, 2],
      [plain, 2],
      [stranger, 2],
    ],
    { name: '西湖财富沙龙群' },
  )
  return {
    manager,
    colleague,
    outsider,
    supervisor,
    middle,
    customer,
    chatId,
    externals: { verified, pending, plain, stranger },
  }
}
