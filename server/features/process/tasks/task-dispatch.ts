import type { TaskBodyT } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import { getWecomClient } from '../../wecom/index.js'
import { setAssignmentsDetail, updateAssignment } from './assignments.repository.js'
import type { Recipient } from './mass-cap.js'
import { setTaskWecomRef } from './tasks.repository.js'

/**
 * Creates the WeCom side of a moment or mass-send task: one moment job for every assignee, or one
 * add_msg_template per member (WeCom then asks that member to confirm). A failure is kept on the
 * assignment so the console shows it; the rest of the task stands.
 */
export async function dispatchToWecom(
  ctx: AppContext,
  taskId: string,
  body: Pick<TaskBodyT, 'kind' | 'text' | 'link'>,
  assignees: string[],
  recipients: Recipient[],
): Promise<number> {
  const db = ctx.db.kysely
  const client = getWecomClient(ctx)
  const fail = async (userids: string[], err: unknown) => {
    const error = err instanceof Error ? err.message.slice(0, 200) : String(err)
    await setAssignmentsDetail(db, taskId, userids, JSON.stringify({ error }))
    return userids.length
  }
  if (body.kind === 'moment') {
    try {
      const { jobid } = await client.addMomentTask({
        text: { content: body.text },
        visible_range: { sender_list: { user_list: assignees } },
      })
      await setTaskWecomRef(db, taskId, `job:${jobid}`)
      return 0
    } catch (err) {
      return fail(assignees, err)
    }
  }
  if (body.kind !== 'mass_send') return 0
  let failures = 0
  for (const userid of assignees) {
    const mine = recipients.filter((r) => r.staffUserid === userid).map((r) => r.externalUserid)
    if (!mine.length) continue
    try {
      const reply = await client.addMsgTemplate({
        chat_type: 'single',
        sender: userid,
        external_userid: mine,
        text: { content: body.text },
        ...(body.link ? { attachments: [{ msgtype: 'link' as const, link: body.link }] } : {}),
      })
      await updateAssignment(db, taskId, userid, {
        wecom_ref: reply.msgid,
        detail: JSON.stringify({ recipients: mine.length, failList: reply.fail_list.length }),
      })
    } catch (err) {
      failures += await fail([userid], err)
    }
  }
  return failures
}
