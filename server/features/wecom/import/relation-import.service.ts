import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import { getWecomClient, type WecomClient } from '../wecom-client.js'
import { WecomApiError } from '../wecom-errors.js'
import type { BatchGetByUser } from '../wecom-schemas.js'
import { reportRelationTags } from '../relation-tags-port.js'
import { loadImportState, startImportState, updateImportState, type ImportState } from './import-state.repository.js'
import { upsertRelations, type WecomRelation } from './relation-upsert.js'
import {
  endUnseenRelations,
  forgetSeenRelations,
  insertEventsOnce,
  recordSeenRelations,
} from './relation-rows.repository.js'

/** WeCom's ceilings for batch/get_by_user (facts §2.3): 100 userids per call, 100 relations per page. */
const MEMBERS_PER_CALL = 100
const PAGE_LIMIT = 100

export interface ImportOptions {
  client?: WecomClient
  /** Called after each committed page (tests stop the run here to simulate a kill). */
  onPage?: (state: ImportState) => void | Promise<void>
}

export type ImportStats = Pick<ImportState, 'run_id' | 'mode' | 'pages' | 'seen' | 'added' | 'removed'> & {
  members: number
}

/**
 * Imports (first pass) or reconciles (later passes) every member's customer relations through
 * batch/get_by_user. The position — member batch and cursor — is committed with each page's rows, so a
 * killed run resumes where it stopped and a page applied twice changes nothing. When a member batch is
 * done, its relations WeCom no longer lists are marked deleted (a `del_*` callback was lost).
 */
export async function importRelations(ctx: AppContext, opts: ImportOptions = {}): Promise<ImportStats> {
  const client = opts.client ?? getWecomClient(ctx)
  const db = ctx.db.kysely
  let state = await loadImportState(db)
  if (!state || state.status === 'finished') {
    const members = [...new Set((await client.getFollowUserList()).follow_user)].sort()
    const mode = state ? 'reconcile' : 'initial'
    state = await startImportState(db, (state?.run_id ?? 0) + 1, mode, members, ctx.now().toISOString())
  } else if (state.status === 'failed') {
    await updateImportState(db, { status: 'running' })
    state = { ...state, status: 'running' }
  }
  const members: string[] = JSON.parse(state.members)
  while (state.batch_index * MEMBERS_PER_CALL < members.length) {
    const userids = members.slice(state.batch_index * MEMBERS_PER_CALL, (state.batch_index + 1) * MEMBERS_PER_CALL)
    let reply: BatchGetByUser
    try {
      reply = await client.batchGetByUser({
        userid_list: userids,
        cursor: state.cursor || undefined,
        limit: PAGE_LIMIT,
      })
    } catch (err) {
      await updateImportState(db, { status: 'failed', last_error: describe(err), updated_at: ctx.now().toISOString() })
      throw err
    }
    state = await applyPage(ctx, state, userids, reply)
    await opts.onPage?.(state)
  }
  const finishedAt = ctx.now().toISOString()
  await updateImportState(db, { status: 'finished', finished_at: finishedAt, updated_at: finishedAt })
  const { run_id, mode, pages, seen, added, removed } = state
  return { run_id, mode, pages, seen, added, removed, members: members.length }
}

function relationsOf(reply: BatchGetByUser, userids: string[]): (WecomRelation & { tagIds: string[] })[] {
  return reply.external_contact_list.flatMap(({ external_contact, follow_info }) => {
    const userid = follow_info.userid ?? (userids.length === 1 ? userids[0] : undefined)
    return userid ? [{ profile: external_contact, follow: { ...follow_info, userid }, tagIds: follow_info.tag_id }] : []
  })
}

/** One page and the new position in one transaction; the batch's deletions when its last page is in. */
async function applyPage(
  ctx: AppContext,
  state: ImportState,
  userids: string[],
  reply: BatchGetByUser,
): Promise<ImportState> {
  const now = ctx.now().toISOString()
  const relations = relationsOf(reply, userids)
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const added = await upsertRelations(trx, relations, now)
    await reportRelationTags(
      ctx,
      trx,
      relations.map((r) => ({
        staffUserid: r.follow.userid,
        externalUserid: r.profile.external_userid,
        tagIds: r.tagIds,
      })),
    )
    if (state.mode === 'reconcile') await recordFoundAdds(trx, added)
    if (relations.length)
      await recordSeenRelations(
        trx,
        relations.map((r) => ({ staff_userid: r.follow.userid, external_userid: r.profile.external_userid })),
      )
    const last = !reply.next_cursor
    const removed = last ? await markUnlisted(trx, userids, state.started_at, now) : 0
    const next: ImportState = {
      ...state,
      batch_index: last ? state.batch_index + 1 : state.batch_index,
      cursor: last ? '' : reply.next_cursor,
      pages: state.pages + 1,
      seen: state.seen + relations.length,
      added: state.added + added.length,
      removed: state.removed + removed,
      last_error: null,
      updated_at: now,
    }
    const { job: _job, ...patch } = next
    await updateImportState(trx, patch)
    return next
  })
}

/**
 * Live relations of these members that WeCom did not list in this pass: gone from the member's side
 * (only the member's deletion or a handover removes a relation from their list). Rows a callback wrote since the
 * pass started are left alone: they may be newer than the pages read.
 */
async function markUnlisted(db: Kysely<Database>, userids: string[], startedAt: string, now: string) {
  const removed = await endUnseenRelations(db, userids, startedAt, now)
  await forgetSeenRelations(db, userids)
  return removed
}

/**
 * A relation a reconciliation finds that no callback reported is a real add the metrics must count; the
 * first import's relations predate go-live and are not events.
 */
async function recordFoundAdds(db: Kysely<Database>, added: WecomRelation[]): Promise<void> {
  if (!added.length) return
  await insertEventsOnce(
    db,
    added.map((r) => ({
      type: 'contact_added',
      staff_userid: r.follow.userid,
      external_userid: r.profile.external_userid,
      ref_id: null,
      occurred_at: new Date(r.follow.createtime * 1000).toISOString(),
      source: 'sync',
      dedupe_key: `reconcile:${r.follow.userid}:${r.profile.external_userid}:${r.follow.createtime}`,
      payload: JSON.stringify({
        changeType: 'add_external_contact',
        state: r.follow.state ?? null,
        found: 'reconcile',
      }),
    })),
  )
}

function describe(err: unknown): string {
  if (err instanceof WecomApiError) return `${err.errcode} ${err.meaning}`
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error'
}
