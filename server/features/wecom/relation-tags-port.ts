import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'

/** A relation's corp tag ids as WeCom listed them (personal tags have no id and are not kept). */
export interface ReportedRelationTags {
  staffUserid: string
  externalUserid: string
  tagIds: string[]
}

/**
 * The relation import and the contact callbacks read each relation's corp tags from WeCom; the tags feature keeps
 * them (mass-send audiences and the staff view filter by them). It sits above wecom, so it plugs its store in here
 * at start-up, as for the catalogue (tag-change-port.ts). The store runs in the caller's transaction.
 */
type RelationTagsStore = (db: Kysely<Database>, relations: ReportedRelationTags[], now: Date) => Promise<void>

const stores = new WeakMap<AppContext, RelationTagsStore>()

export function onRelationTagsReported(ctx: AppContext, store: RelationTagsStore): void {
  stores.set(ctx, store)
}

export async function reportRelationTags(
  ctx: AppContext,
  db: Kysely<Database>,
  relations: ReportedRelationTags[],
): Promise<void> {
  if (relations.length) await stores.get(ctx)?.(db, relations, ctx.now())
}
