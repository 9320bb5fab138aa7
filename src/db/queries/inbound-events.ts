import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { inboundEvents, type InboundEventRow, type InboundSource } from '../schema/inbound-events.js';

export interface NewInboundEvent {
  externalId: string;
  kind: string;
  payload: unknown;
  actor?: string | undefined;
}

export interface StoredInboundEvent {
  id: number;
  externalId: string;
  /** False when the platform sent this event before (retry, redelivery). */
  isNew: boolean;
  status: InboundEventRow['status'];
}

/**
 * Stores events in one statement; duplicates (same source + external id) are left as they are.
 * Returns every event's row id, whether it was new, and its status.
 */
export async function storeInboundEvents(
  db: Db,
  source: InboundSource,
  events: readonly NewInboundEvent[],
): Promise<StoredInboundEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insert(inboundEvents)
    .values(events.map((e) => ({ source, externalId: e.externalId, kind: e.kind, payload: e.payload, actor: e.actor ?? null })))
    .onConflictDoNothing({ target: [inboundEvents.source, inboundEvents.externalId] })
    .returning({ id: inboundEvents.id, externalId: inboundEvents.externalId });
  const newIds = new Set(inserted.map((r) => r.externalId));
  const rows = await db
    .select({ id: inboundEvents.id, externalId: inboundEvents.externalId, status: inboundEvents.status })
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.source, source),
        inArray(
          inboundEvents.externalId,
          events.map((e) => e.externalId),
        ),
      ),
    );
  return rows.map((r) => ({ ...r, isNew: newIds.has(r.externalId) }));
}

export async function getInboundEvent(db: Db, id: number): Promise<InboundEventRow | undefined> {
  const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
  return row;
}

/** Marks a waiting event processed; an event marked already (by the handler, under its sender's lock) is left as it is. */
export async function markInboundProcessed(db: Db, id: number): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ status: 'processed', processedAt: new Date(), attempts: sql`${inboundEvents.attempts} + 1`, lastError: null })
    .where(and(eq(inboundEvents.id, id), eq(inboundEvents.status, 'received')));
}

/** Records a failed attempt; `final` marks the event failed so the sweep stops offering it. */
export async function markInboundAttemptFailed(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db
    .update(inboundEvents)
    .set({
      attempts: sql`${inboundEvents.attempts} + 1`,
      lastError: error.slice(0, 500),
      ...(final ? { status: 'failed' as const, processedAt: new Date() } : {}),
    })
    .where(eq(inboundEvents.id, id));
}

/** Events stored but still unprocessed after `olderThan`: their job may have been lost. */
export async function findStaleInboundEvents(db: Db, olderThan: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.status, 'received'), lt(inboundEvents.receivedAt, olderThan)))
    .orderBy(inboundEvents.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A sender's events still waiting to be handled, up to and including `upToId`, oldest first. */
export async function pendingEventsOfActor(db: Db, source: InboundSource, actor: string, upToId: number): Promise<InboundEventRow[]> {
  return db
    .select()
    .from(inboundEvents)
    .where(and(eq(inboundEvents.source, source), eq(inboundEvents.actor, actor), eq(inboundEvents.status, 'received'), lte(inboundEvents.id, upToId)))
    .orderBy(asc(inboundEvents.id));
}

/**
 * Puts an event that gave up back to be handled (the 再送する button under its notice): waiting again,
 * attempts reset. True when it was failed and is now waiting.
 */
export async function requeueFailedInboundEvent(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(inboundEvents)
    .set({ status: 'received', attempts: 0, lastError: null, processedAt: null })
    .where(and(eq(inboundEvents.id, id), eq(inboundEvents.status, 'failed')))
    .returning({ id: inboundEvents.id });
  return rows.length > 0;
}
