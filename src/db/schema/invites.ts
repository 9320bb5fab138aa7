import { bigint, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz } from './columns.js';
import { CONTACT_ROLES } from '../../core/model/contacts.js';

/**
 * One-time link codes. Only a hash of the code is stored; a code is single use and expires. The
 * inbound LINE event that used it is kept, so that a retried job of that same event is recognised;
 * any other event presenting a used code presents a wrong code.
 */
export const invites = pgTable(
  'invites',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    role: text('role', { enum: CONTACT_ROLES }).notNull(),
    relation: text('relation'),
    createdBy: text('created_by').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    usedByLineUserId: text('used_by_line_user_id'),
    /** inbound_events.id of the LINE message that used the code (no foreign key: events are pruned, the fact stays). */
    usedByInboundEventId: bigint('used_by_inbound_event_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invites_code_hash_key').on(t.codeHash), index('invites_case_idx').on(t.caseId)],
);

export type InviteRow = typeof invites.$inferSelect;
