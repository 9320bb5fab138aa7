import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz } from './columns.js';
import { CONTACT_ROLES } from './contacts.js';

/** One-time link codes. Only a hash of the code is stored; a code is single use and expires. */
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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invites_code_hash_key').on(t.codeHash), index('invites_case_idx').on(t.caseId)],
);

export type InviteRow = typeof invites.$inferSelect;
