import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { IncomingLineMessage } from '../../core/model/messages.js';
import { cases } from './cases.js';
import { createdAt, timestamptz } from './columns.js';

/** A LINE user linked to several cases chose which case they are writing about, until `expiresAt`. */
export const caseChoices = pgTable('case_choices', {
  lineUserId: text('line_user_id').primaryKey(),
  caseId: integer('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  expiresAt: timestamptz('expires_at').notNull(),
  createdAt: createdAt(),
});

/**
 * Messages held until their sender (linked to several cases) says which case they are about; relayed
 * in order once they do. The message is kept here as the core received it, so the webhook event's raw
 * payload can be reduced as soon as the event is handled. Retention deletes held messages nobody claims.
 */
export const heldMessages = pgTable(
  'held_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lineUserId: text('line_user_id').notNull(),
    /** The webhook event that carried it (no foreign key: handled events are pruned, a held message stays until released). */
    inboundEventId: bigint('inbound_event_id', { mode: 'number' }).notNull(),
    lineMessageId: text('line_message_id'),
    message: jsonb('message').$type<IncomingLineMessage>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('held_messages_event_key').on(t.inboundEventId), index('held_messages_user_idx').on(t.lineUserId, t.id)],
);
