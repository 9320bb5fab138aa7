import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/**
 * The admins were warned that this month's LINE message quota passed `threshold` percent: one row per
 * month (yyyy-MM in the office's time zone) and threshold, so a warning is claimed once whichever
 * replica sees the crossing first. `sentAt` null: claimed, its DMs not all sent yet (tried again).
 */
export const quotaWarnings = pgTable(
  'quota_warnings',
  {
    month: text('month').notNull(),
    threshold: integer('threshold').notNull(),
    used: integer('used').notNull(),
    quotaLimit: integer('quota_limit').notNull(),
    claimedAt: timestamptz('claimed_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.month, t.threshold] })],
);
