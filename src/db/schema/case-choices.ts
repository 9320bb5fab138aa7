import { bigint, integer, pgTable, text, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz } from './columns.js';
import { inboundEvents } from './inbound-events.js';

/** A LINE user linked to several cases chose which case they are writing about, until `expiresAt`. */
export const caseChoices = pgTable('case_choices', {
  lineUserId: text('line_user_id').primaryKey(),
  caseId: integer('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  expiresAt: timestamptz('expires_at').notNull(),
  createdAt: createdAt(),
});

/** Messages held until their sender says which case they are about; relayed in order once they do. */
export const heldMessages = pgTable(
  'held_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lineUserId: text('line_user_id').notNull(),
    inboundEventId: bigint('inbound_event_id', { mode: 'number' })
      .notNull()
      .references(() => inboundEvents.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('held_messages_event_key').on(t.inboundEventId)],
);
