import type { NumberedRecord, RowIssue } from './crm-writer.js'
import type { CrmEntity } from './records.js'

/** One page of an entity's records, changed after the cursor it was asked for. */
export interface CrmPage<E extends CrmEntity> {
  /** Valid records; `rowNo` is the position in the page (1-based). */
  records: NumberedRecord<E>[]
  /** Items the source sent that did not validate; skipped and reported, never written. */
  invalid: RowIssue[]
  /** Where the next page (or the next incremental sync, once `hasMore` is false) starts. */
  nextCursor: string | null
  hasMore: boolean
}

/**
 * The bank's system of record for branches, staff (with WeCom userid, title, role, branch),
 * customers, holdings and product purchases. The product depends on this interface only:
 * the HTTP pull adapter and the demo bank implement it; file imports feed the same writer.
 */
export interface CrmSource {
  /** Shown in the run history; never a credential. */
  readonly label: string
  /** Records of `entity` changed after `cursor` (null: from the beginning), one page at a time. */
  fetchPage<E extends CrmEntity>(entity: E, cursor: string | null): Promise<CrmPage<E>>
}

/** A source that could not deliver a page (network, HTTP status, malformed body). */
export class CrmSourceError extends Error {}
