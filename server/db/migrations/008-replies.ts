import { sql, type Kysely, type Migration } from 'kysely'
import { addReviewColumns, autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * Q&A library (shared review columns), escalations to the middle office and sent replies, plus the
 * search index: FTS5 (unicode61, BM25) on SQLite, a GIN tsvector index on PostgreSQL. Both index the
 * same application-made tokens (features/replies/search/tokenizer.ts), question tokens weighted above answer tokens.
 */
export const replies = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await addReviewColumns(
      autoId(db.schema.createTable('qa_items'), dialect)
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('alternatives', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('disclaimer', 'text')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('source_escalation_id', 'integer')
        .addColumn('search_question', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('search_answer', 'text', (c) => c.notNull().defaultTo('')),
    ).execute()
    await db.schema.createIndex('qa_items_root_idx').on('qa_items').columns(['root_id', 'version']).execute()
    await db.schema.createIndex('qa_items_status_idx').on('qa_items').columns(['status', 'valid_until']).execute()

    if (dialect === 'postgres') {
      await sql`create index qa_items_search_idx on qa_items using gin ((setweight(to_tsvector('simple', search_question), 'A') || setweight(to_tsvector('simple', search_answer), 'D')))`.execute(
        db,
      )
    } else {
      // External-content FTS5 table kept in sync by triggers: the application writes qa_items only.
      await sql`create virtual table qa_items_fts using fts5(search_question, search_answer, content='qa_items', content_rowid='id', tokenize='unicode61')`.execute(
        db,
      )
      await sql`create trigger qa_items_fts_ai after insert on qa_items begin
        insert into qa_items_fts(rowid, search_question, search_answer) values (new.id, new.search_question, new.search_answer); end`.execute(
        db,
      )
      await sql`create trigger qa_items_fts_ad after delete on qa_items begin
        insert into qa_items_fts(qa_items_fts, rowid, search_question, search_answer) values ('delete', old.id, old.search_question, old.search_answer); end`.execute(
        db,
      )
      await sql`create trigger qa_items_fts_au after update of search_question, search_answer on qa_items begin
        insert into qa_items_fts(qa_items_fts, rowid, search_question, search_answer) values ('delete', old.id, old.search_question, old.search_answer);
        insert into qa_items_fts(rowid, search_question, search_answer) values (new.id, new.search_question, new.search_answer); end`.execute(
        db,
      )
    }

    await autoId(db.schema.createTable('escalations'), dialect)
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text')
      .addColumn('chat_id', 'text')
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('context', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('note', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sla_due_at', 'text', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'text')
      .addColumn('answer', 'text')
      .addColumn('disclaimer', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('promoted_qa_id', 'integer')
      .execute()
    await db.schema.createIndex('escalations_status_idx').on('escalations').columns(['status', 'created_at']).execute()
    await db.schema
      .createIndex('escalations_staff_idx')
      .on('escalations')
      .columns(['staff_userid', 'created_at'])
      .execute()

    await db.schema
      .createTable('reply_uses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text')
      .addColumn('chat_id', 'text')
      .addColumn('qa_item_id', 'integer')
      .addColumn('qa_root_id', 'integer')
      .addColumn('escalation_id', 'integer')
      .addColumn('original_text', 'text', (c) => c.notNull())
      .addColumn('sent_text', 'text', (c) => c.notNull())
      .addColumn('edit_diff', 'text')
      .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute()
    await db.schema.createIndex('reply_uses_root_idx').on('reply_uses').columns(['qa_root_id', 'sent_at']).execute()
    await db.schema.createIndex('reply_uses_escalation_idx').on('reply_uses').column('escalation_id').execute()
    await db.schema.createIndex('reply_uses_staff_idx').on('reply_uses').columns(['staff_userid', 'sent_at']).execute()
  },
})
