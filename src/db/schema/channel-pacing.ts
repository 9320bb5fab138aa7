import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/**
 * Slack allows about one message per second per channel. Each post reserves the channel's next
 * free slot here (one UPDATE), so replicas and concurrent workers share one pace per channel.
 */
export const channelPacing = pgTable('channel_pacing', {
  channelId: text('channel_id').primaryKey(),
  nextAt: timestamptz('next_at').notNull(),
});
