import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/**
 * The warnings that this month's LINE message quota passed `threshold` percent (core/conversation/quota-warnings.ts):
 * one row per month (yyyy-MM in the office's time zone), threshold and admin (`userId`; '' when nobody
 * was set to be warned), inserted once whichever replica sees the crossing first (the primary key).
 * `claimedAt` is when a replica took the DM on; `sentAt` null with an old claim: taken on again.
 */
export const quotaWarnings = pgTable(
  'quota_warnings',
  {
    month: text('month').notNull(),
    threshold: integer('threshold').notNull(),
    userId: text('user_id').notNull(),
    used: integer('used').notNull(),
    quotaLimit: integer('quota_limit').notNull(),
    claimedAt: timestamptz('claimed_at').notNull(),
    /** The DM's post-once bookkeeping (core/ports/slack-side.ts, PostOnceRecord). */
    startedAt: timestamptz('started_at'),
    noAnswerAt: timestamptz('no_answer_at'),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.month, t.threshold, t.userId] })],
);
