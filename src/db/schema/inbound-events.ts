import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

export const INBOUND_SOURCES = ['line', 'slack'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];
export const INBOUND_STATUSES = ['received', 'processed', 'failed'] as const;

/**
 * Every event Slack or LINE sends, stored before it is acknowledged.
 * Unique on (source, external_id): LINE's webhookEventId, Slack's event_id. A platform retry or
 * redelivery hits the constraint and is dropped.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source', { enum: INBOUND_SOURCES }).notNull(),
    externalId: text('external_id').notNull(),
    /** message, follow, postback, ... (LINE) or the Slack event type. */
    kind: text('kind').notNull(),
    /** Who sent it (LINE user id), so one person's events are handled in the order they arrived. */
    actor: text('actor'),
    /**
     * The event as the platform sent it, until it is handled; then reduced to what deduplication and
     * the audit trail need (type, ids, timestamp: no text, names or media details). See `scrubbedAt`.
     */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull().default('received'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    processedAt: timestamptz('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the payload was reduced (see `payload`); null while the full event is kept. */
    scrubbedAt: timestamptz('scrubbed_at'),
  },
  (t) => [
    uniqueIndex('inbound_events_source_external_key').on(t.source, t.externalId),
    index('inbound_events_unprocessed_idx')
      .on(t.receivedAt)
      .where(sql`${t.status} = 'received'`),
    index('inbound_events_actor_pending_idx')
      .on(t.actor, t.id)
      .where(sql`${t.status} = 'received'`),
    // What the admins' App Home lists as failed.
    index('inbound_events_failed_idx')
      .on(t.processedAt)
      .where(sql`${t.status} = 'failed'`),
  ],
);

export type InboundEventRow = typeof inboundEvents.$inferSelect;
