import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Fsoaip } from '../../core/model/records.js';
import { cases } from './cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';
import { messages } from './messages.js';

/**
 * A structured record (支援記録) of something that happened in a case: dated, categorised, with
 * who, where and how. The current version is here; every version is in record_versions.
 */
export const records = pgTable(
  'records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorUserId: text('author_user_id').notNull(),
    /** A key of core/records/categories.ts. */
    category: text('category').notNull(),
    contactKind: text('contact_kind'),
    occurredAt: timestamptz('occurred_at').notNull(),
    place: text('place'),
    attendees: text('attendees'),
    body: text('body').notNull(),
    fsoaip: jsonb('fsoaip').$type<Fsoaip>().notNull().default({}),
    nextStep: text('next_step'),
    /** The day of the next step (the office's calendar day); the reminders pick it up. */
    nextStepDate: date('next_step_date', { mode: 'string' }),
    /** The thread message this record was made from (記録する shortcut), if any. */
    sourceMessageId: bigint('source_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    sourceSlackTs: text('source_slack_ts'),
    /** The card in the case thread (a note message posted in order with the relay). */
    cardMessageId: bigint('card_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('records_idempotency_key').on(t.idempotencyKey),
    index('records_case_idx').on(t.caseId, t.occurredAt),
    index('records_next_step_idx').on(t.nextStepDate),
  ],
);

export type RecordRow = typeof records.$inferSelect;

/** Every version of every record, as it was saved, by whom and when. */
export const recordVersions = pgTable(
  'record_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: bigint('record_id', { mode: 'number' })
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    editedBy: text('edited_by').notNull(),
    editedAt: timestamptz('edited_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('record_versions_key').on(t.recordId, t.version)],
);
