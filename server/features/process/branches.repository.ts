import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The bank's root branch (the first, should there be several). */
export async function findRootBranchId(db: Q): Promise<string> {
  const root = await db
    .selectFrom('branches')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  return root.id
}

/** Every branch with its parent and province (the scope's tree). */
export async function listBranches(db: Q) {
  return db.selectFrom('branches').select(['id', 'name', 'level', 'parent_id as parentId', 'province']).execute()
}

/** Every branch by id, as the task form offers them. */
export async function listBranchOptions(db: Q) {
  return db.selectFrom('branches').select(['id', 'name', 'level', 'parent_id as parentId']).orderBy('id').execute()
}

export async function branchExists(db: Q, id: string): Promise<boolean> {
  return !!(await db.selectFrom('branches').select('id').where('id', '=', id).executeTakeFirst())
}

export async function listBranchIds(db: Q): Promise<string[]> {
  return (await db.selectFrom('branches').select('id').execute()).map((r) => r.id)
}
