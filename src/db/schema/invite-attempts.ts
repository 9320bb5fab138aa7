import { boolean, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/** Each code a LINE user sent: wrong ones are limited per user and hour. */
export const inviteAttempts = pgTable(
  'invite_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lineUserId: text('line_user_id').notNull(),
    success: boolean('success').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('invite_attempts_user_idx').on(t.lineUserId, t.at)],
);
