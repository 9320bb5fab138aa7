import { and, count, desc, eq, ne, or, sql } from 'drizzle-orm';
import type { Failure } from '../../core/ports/operations.js';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';
import { inboundEvents, type InboundSource } from '../schema/inbound-events.js';
import { messages } from '../schema/messages.js';
import { webhookArrivals } from '../schema/webhook-arrivals.js';

/**
 * What the admins' App Home reads: work that failed for good, and when LINE and Slack last called.
 * Ids, codes, kinds and times only (an event's error text may quote what it carried: not read here).
 */

/** Messages the thread could not show, or staff sends LINE did not accept (the partial index's rows, then the exact rule). */
const failedMessage = and(
  or(eq(messages.postFailed, true), eq(messages.deliveryStatus, 'failed')),
  or(
    and(eq(messages.postFailed, true), ne(messages.deliveryStatus, 'withdrawn')),
    and(eq(messages.direction, 'slack_to_line'), eq(messages.deliveryStatus, 'failed')),
  ),
);
const failedEvent = eq(inboundEvents.status, 'failed');

/** The most recent failures of both kinds (at most `limit`), newest first, and how many there are. */
export async function listFailures(db: Db, limit: number): Promise<{ items: Failure[]; total: number }> {
  const [messageRows, eventRows, [messageCount], [eventCount]] = await Promise.all([
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        deliveryStatus: messages.deliveryStatus,
        deliveryError: messages.deliveryError,
        at: messages.updatedAt,
        caseCode: cases.code,
      })
      .from(messages)
      .innerJoin(cases, eq(cases.id, messages.caseId))
      .where(failedMessage)
      .orderBy(desc(messages.updatedAt))
      .limit(limit),
    db
      .select({
        id: inboundEvents.id,
        source: inboundEvents.source,
        kind: inboundEvents.kind,
        at: inboundEvents.processedAt,
        scrubbedAt: inboundEvents.scrubbedAt,
      })
      .from(inboundEvents)
      .where(failedEvent)
      .orderBy(desc(inboundEvents.processedAt))
      .limit(limit),
    db.select({ n: count() }).from(messages).where(failedMessage),
    db.select({ n: count() }).from(inboundEvents).where(failedEvent),
  ]);
  const items: Failure[] = [
    ...messageRows.map((m): Failure => {
      const push = m.direction === 'slack_to_line' && m.deliveryStatus === 'failed';
      return {
        kind: push ? 'line_push' : 'thread_post',
        id: m.id,
        caseCode: m.caseCode,
        source: null,
        at: m.at,
        reason: m.deliveryError,
        retryable: true,
      };
    }),
    ...eventRows.map((e): Failure => ({
      kind: 'inbound_event',
      id: e.id,
      caseCode: null,
      source: e.source,
      at: e.at ?? new Date(0),
      reason: e.kind,
      retryable: e.scrubbedAt === null,
    })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { items: items.slice(0, limit), total: (messageCount?.n ?? 0) + (eventCount?.n ?? 0) };
}

/** A signed webhook arrived from `source` at `at` (a later time already stored is kept). */
export async function recordWebhookArrival(db: Db, source: InboundSource, at: Date): Promise<void> {
  await db
    .insert(webhookArrivals)
    .values({ source, lastAt: at })
    .onConflictDoUpdate({ target: webhookArrivals.source, set: { lastAt: sql`greatest(${webhookArrivals.lastAt}, excluded.last_at)` } });
}

export async function lastWebhookArrivals(db: Db): Promise<{ line: Date | null; slack: Date | null }> {
  const rows = await db.select().from(webhookArrivals);
  const at = (source: InboundSource) => rows.find((r) => r.source === source)?.lastAt ?? null;
  return { line: at('line'), slack: at('slack') };
}
