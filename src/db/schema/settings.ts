import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/**
 * The office's settings an admin changed in the App Home (config/editable-settings.ts), laid over the
 * environment's: `name` is the environment variable's, `value` its text (checked as the environment
 * is at start before it is stored). A setting without a row is the environment's (or the default).
 */
export const settingOverrides = pgTable('setting_overrides', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  /** The Slack user who changed it (also in the audit log, with the old and new values). */
  changedBy: text('changed_by'),
  changedAt: timestamptz('changed_at').notNull().defaultNow(),
});

/**
 * One row: a number that grows with every change of `setting_overrides`. Every replica reads it every
 * few seconds (a primary-key read) and reloads the settings when it moved.
 */
export const settingsRevision = pgTable(
  'settings_revision',
  {
    id: integer('id').primaryKey().default(1),
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('settings_revision_one_row', sql`${t.id} = 1`)],
);
