import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { heldMessages } from '../db/schema/case-choices.js';
import { inboundEvents } from '../db/schema/inbound-events.js';
import { unsentLineMessages } from '../db/schema/unsent-line-messages.js';

/** True when the sender withdrew this LINE message (its unsend was handled, before or after the message). */
export async function isUnsent(db: Db, lineMessageId: string): Promise<boolean> {
  const rows = await db.select({ id: unsentLineMessages.lineMessageId }).from(unsentLineMessages).where(eq(unsentLineMessages.lineMessageId, lineMessageId));
  return rows.length > 0;
}

/** Remembers that the sender withdrew this LINE message (whether or not it was stored yet). */
export async function recordUnsent(db: Db, lineMessageId: string): Promise<void> {
  await db.insert(unsentLineMessages).values({ lineMessageId }).onConflictDoNothing();
}

/** The stored webhook events that carried this LINE message from this sender. */
export async function eventsCarryingLineMessage(db: Db, lineUserId: string, lineMessageId: string): Promise<number[]> {
  const rows = await db
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
  return rows.map((r) => r.id);
}

/** A stored LINE message event reduced to ids and types: what stays of it once its sender withdrew it. */
export function scrubbedLineMessagePayload(payload: unknown): Record<string, unknown> {
  const p = (payload ?? {}) as { destination?: unknown; event?: Record<string, unknown> };
  const e = p.event ?? {};
  const source = (e.source ?? {}) as Record<string, unknown>;
  const message = (e.message ?? {}) as Record<string, unknown>;
  const keep = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return keep({
    destination: p.destination,
    event: keep({
      type: e.type,
      mode: e.mode,
      timestamp: e.timestamp,
      webhookEventId: e.webhookEventId,
      source: keep({ type: source.type, userId: source.userId }),
      message: keep({ id: message.id, type: message.type }),
      withdrawn: true,
    }),
  });
}

/**
 * Forgets what withdrawn messages said in the stored webhook events that carried them (ids and types
 * stay), and lets go of any of them still held for "which case?".
 */
export async function scrubWithdrawnEvents(db: Db, inboundEventIds: number[]): Promise<void> {
  if (inboundEventIds.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: inboundEvents.id, payload: inboundEvents.payload }).from(inboundEvents).where(inArray(inboundEvents.id, inboundEventIds)).for('update');
    for (const row of rows) {
      await tx.update(inboundEvents).set({ payload: scrubbedLineMessagePayload(row.payload) }).where(eq(inboundEvents.id, row.id));
    }
    await tx.delete(heldMessages).where(inArray(heldMessages.inboundEventId, inboundEventIds));
  });
}
