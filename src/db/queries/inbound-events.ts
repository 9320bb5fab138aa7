import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { InboundStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { preparedFor } from '../prepared.js';
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
 * Stores events in one statement; duplicates (same source + external id) are left as they are and
 * read back (a second statement, only when the platform sent some event again).
 * Returns every event's row id, whether it was new, and its status.
 */
export async function storeInboundEvents(db: Db, source: InboundSource, events: readonly NewInboundEvent[]): Promise<StoredInboundEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insert(inboundEvents)
    .values(events.map((e) => ({ source, externalId: e.externalId, kind: e.kind, payload: e.payload, actor: e.actor ?? null })))
    .onConflictDoNothing({ target: [inboundEvents.source, inboundEvents.externalId] })
    .returning({ id: inboundEvents.id, externalId: inboundEvents.externalId, status: inboundEvents.status });
  const newIds = new Set(inserted.map((r) => r.externalId));
  const seenBefore = [...new Set(events.map((e) => e.externalId).filter((id) => !newIds.has(id)))];
  const earlier =
    seenBefore.length === 0
      ? []
      : await db
          .select({ id: inboundEvents.id, externalId: inboundEvents.externalId, status: inboundEvents.status })
          .from(inboundEvents)
          .where(and(eq(inboundEvents.source, source), inArray(inboundEvents.externalId, seenBefore)));
  return [...inserted.map((r) => ({ ...r, isNew: true })), ...earlier.map((r) => ({ ...r, isNew: false }))];
}

export async function getInboundEvent(db: Db, id: number): Promise<InboundEventRow | undefined> {
  const [row] = await statements(db).byId.execute({ id });
  return row;
}

/**
 * What is kept of a handled event's payload: enough to recognise a redelivery or retry and to trace
 * what happened (type, ids, timestamp), never text, names, postback data or media details.
 * LINE: `{ destination, event: { type, webhookEventId, timestamp, mode, deliveryContext, source: {
 * type, userId }, message: { id, type }, unsend: { messageId } } }`; Slack: the callback's ids and
 * the event's type, subtype, channel and timestamps.
 */
const SCRUBBED_PAYLOAD = sql.raw(`case source
  when 'line' then jsonb_strip_nulls(jsonb_build_object(
    'destination', payload->'destination',
    'event', jsonb_build_object(
      'type', payload#>'{event,type}',
      'webhookEventId', payload#>'{event,webhookEventId}',
      'timestamp', payload#>'{event,timestamp}',
      'mode', payload#>'{event,mode}',
      'deliveryContext', payload#>'{event,deliveryContext}',
      'source', jsonb_build_object('type', payload#>'{event,source,type}', 'userId', payload#>'{event,source,userId}'),
      'message', case when payload#>'{event,message}' is null then null
        else jsonb_build_object('id', payload#>'{event,message,id}', 'type', payload#>'{event,message,type}') end,
      'unsend', case when payload#>'{event,unsend}' is null then null
        else jsonb_build_object('messageId', payload#>'{event,unsend,messageId}') end)))
  else jsonb_strip_nulls(jsonb_build_object(
    'type', payload->'type',
    'event_id', payload->'event_id',
    'event_time', payload->'event_time',
    'team_id', payload->'team_id',
    'api_app_id', payload->'api_app_id',
    'event', jsonb_build_object(
      'type', payload#>'{event,type}',
      'subtype', payload#>'{event,subtype}',
      'channel', payload#>'{event,channel}',
      'ts', payload#>'{event,ts}',
      'event_ts', payload#>'{event,event_ts}')))
  end`);

/**
 * Marks a waiting event handled and reduces its payload. An event marked already (by its handler,
 * under its sender's lock) is left as it is. True when this call marked it.
 */
export async function markInboundProcessed(db: Db, id: number): Promise<boolean> {
  const rows = await statements(db).markProcessed.execute({ id });
  return rows.length > 0;
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

/**
 * Events stored and not tried yet (no attempt made), from id `fromId` on, oldest first: what the
 * handling at once left in the database while it was full (handle-at-once.ts).
 */
export async function findUntriedInboundEvents(db: Db, fromId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.status, 'received'), eq(inboundEvents.attempts, 0), gte(inboundEvents.id, fromId)))
    .orderBy(inboundEvents.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A sender's events still waiting to be handled, up to and including `upToId`, oldest first. */
export async function pendingEventsOfActor(db: Db, source: InboundSource, actor: string, upToId: number): Promise<InboundEventRow[]> {
  return statements(db).pendingOfActor.execute({ source, actor, upToId });
}

/** The statements every handled event runs (see prepared.ts). */
const statements = preparedFor((db) => ({
  byId: db
    .select()
    .from(inboundEvents)
    .where(eq(inboundEvents.id, sql.placeholder('id')))
    .prepare('inbound_event_by_id'),
  pendingOfActor: db
    .select()
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.source, sql.placeholder('source')),
        eq(inboundEvents.actor, sql.placeholder('actor')),
        eq(inboundEvents.status, 'received'),
        lte(inboundEvents.id, sql.placeholder('upToId')),
      ),
    )
    .orderBy(asc(inboundEvents.id))
    .prepare('inbound_events_pending_of_actor'),
  markProcessed: db
    .update(inboundEvents)
    .set({
      status: 'processed',
      processedAt: sql`now()`,
      attempts: sql`${inboundEvents.attempts} + 1`,
      lastError: null,
      payload: SCRUBBED_PAYLOAD,
      scrubbedAt: sql`now()`,
    })
    .where(and(eq(inboundEvents.id, sql.placeholder('id')), eq(inboundEvents.status, 'received')))
    .returning({ id: inboundEvents.id })
    .prepare('inbound_event_processed'),
}));

/**
 * The intake's events as far as the core acts on them (core/ports/store.ts): forgetting what a
 * withdrawn LINE message said wherever a stored event still carries it, and handling a failed event again.
 */
export function inboundStore(db: Db): InboundStore {
  return {
    async forgetLineMessage(lineUserId, lineMessageId, inboundEventIds) {
      const carrying = await db
        .select({ id: inboundEvents.id })
        .from(inboundEvents)
        .where(
          and(
            eq(inboundEvents.source, 'line'),
            eq(inboundEvents.kind, 'message'),
            eq(inboundEvents.actor, lineUserId),
            sql`${inboundEvents.payload} #>> '{event,message,id}' = ${lineMessageId}`,
          ),
        );
      const ids = [...new Set([...carrying.map((r) => r.id), ...inboundEventIds])];
      if (ids.length === 0) return [];
      await db
        .update(inboundEvents)
        .set({ payload: SCRUBBED_PAYLOAD, scrubbedAt: sql`now()` })
        .where(inArray(inboundEvents.id, ids));
      return ids;
    },
    async requeueFailed(id) {
      // A failed event whose content retention reduced already cannot be handled again.
      const rows = await db
        .update(inboundEvents)
        .set({ status: 'received', attempts: 0, lastError: null, processedAt: null })
        .where(and(eq(inboundEvents.id, id), eq(inboundEvents.status, 'failed'), isNull(inboundEvents.scrubbedAt)))
        .returning({ id: inboundEvents.id });
      return rows.length > 0;
    },
  };
}

/** Retention: reduces the payload of failed events older than `failedBefore` (kept until then for a retry). */
export async function scrubFailedInboundEvents(db: Db, failedBefore: Date): Promise<number> {
  const rows = await db
    .update(inboundEvents)
    .set({ payload: SCRUBBED_PAYLOAD, scrubbedAt: sql`now()` })
    .where(and(isNull(inboundEvents.scrubbedAt), eq(inboundEvents.status, 'failed'), lt(inboundEvents.processedAt, failedBefore)))
    .returning({ id: inboundEvents.id });
  return rows.length;
}

/**
 * Retention: deletes processed events handled before `processedBefore` and failed ones before
 * `failedBefore` (platforms redeliver and retry within a day, so the dedupe keys are not needed after that).
 */
export async function deleteOldInboundEvents(db: Db, cutoffs: { processedBefore: Date; failedBefore: Date }): Promise<number> {
  const rows = await db
    .delete(inboundEvents)
    .where(
      or(
        and(eq(inboundEvents.status, 'processed'), lt(inboundEvents.processedAt, cutoffs.processedBefore)),
        and(eq(inboundEvents.status, 'failed'), lt(inboundEvents.processedAt, cutoffs.failedBefore)),
      ),
    )
    .returning({ id: inboundEvents.id });
  return rows.length;
}
