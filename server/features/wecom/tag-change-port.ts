import type { AppContext } from '../../lib/context.js'

/**
 * A `change_external_tag` callback (a tag or group created, renamed, reordered or deleted) asks whoever keeps
 * the catalogue to refresh it. The tags feature sits above wecom, so it plugs its refresh in here at start-up
 * rather than wecom importing it.
 */
type TagChangeHandler = (ctx: AppContext) => Promise<void>

const handlers = new WeakMap<AppContext, TagChangeHandler>()

export function onCorpTagsChanged(ctx: AppContext, handler: TagChangeHandler): void {
  handlers.set(ctx, handler)
}

export async function notifyCorpTagsChanged(ctx: AppContext): Promise<void> {
  await handlers.get(ctx)?.(ctx)
}
