import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { INBOUND_SOURCES } from './inbound-events.js';

/**
 * When a signed webhook last arrived from LINE and from Slack (any replica; written at most every few
 * seconds per replica). The admins' App Home shows it: a platform that stopped calling is misconfigured.
 */
export const webhookArrivals = pgTable('webhook_arrivals', {
  source: text('source', { enum: INBOUND_SOURCES }).primaryKey(),
  lastAt: timestamptz('last_at').notNull(),
});
