import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Secrets the app makes for itself (e.g. the key of invite-code hashes when INVITE_CODE_SECRET is
 * unset). Created once, by whichever replica needs one first (insert-if-absent), and shared by all.
 */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
