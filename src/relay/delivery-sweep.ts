import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { casesOwingThreadPosts, pushesOwed } from '../db/queries/messages.js';
import { messages } from '../db/schema/messages.js';
import { updates } from '../db/schema/updates.js';

export interface DeliverySweepResult {
  flushes: number;
  pushes: number;
  cards: number;
}

/**
 * PostgreSQL, not the queue, decides what is still owed. Re-derives from the database every delivery
 * still owed and not touched for `minAgeMs`: thread posts (relayed messages, notices and record cards,
 * withdrawals to put right), staff messages to LINE, record cards not showing their latest version.
 * Each gets its job unless one is still to run; a job BullMQ keeps as finished under the same id does
 * not swallow it (see Queues.ensure). Safe on every replica at any time: each delivery is idempotent
 * (the case lock and recorded post ts, LINE retry keys, cards always showing the current version).
 */
export async function sweepDeliveries(ctx: AppContext, minAgeMs = ctx.config.sweeps.deliveryMinAgeMs): Promise<DeliverySweepResult> {
  const before = new Date(ctx.now().getTime() - minAgeMs);
  const result: DeliverySweepResult = { flushes: 0, pushes: 0, cards: 0 };
  for (const caseId of await casesOwingThreadPosts(ctx.db, before)) {
    if ((await ctx.queues.ensure('thread.flush', { caseId }, `sweep-flush-c${caseId}`)) === 'added') result.flushes += 1;
  }
  for (const messageId of await pushesOwed(ctx.db, before)) {
    if ((await ctx.queues.ensure('line.push', { messageId }, `sweep-push-${messageId}`)) === 'added') result.pushes += 1;
  }
  for (const card of await staleRecordCards(ctx, before)) {
    if ((await ctx.queues.ensure('record.card', { updateId: card.id, version: card.version }, `card-${card.id}-v${card.version}`)) === 'added') result.cards += 1;
  }
  if (result.flushes || result.pushes || result.cards) ctx.logger.info({ ...result }, 'owed deliveries queued again');
  return result;
}

/** Records whose card is in the thread but shows an older version than the record's (the refresh job was lost). */
async function staleRecordCards(ctx: AppContext, before: Date): Promise<Array<{ id: number; version: number }>> {
  return ctx.db
    .select({ id: updates.id, version: updates.version })
    .from(updates)
    .innerJoin(messages, eq(messages.id, updates.cardMessageId))
    .where(
      and(
        sql`${messages.slackTs} is not null`,
        sql`coalesce((${messages.meta} ->> 'shownVersion')::int, 1) < ${updates.version}`,
        sql`coalesce((${messages.meta} ->> 'cardFailedVersion')::int, 0) < ${updates.version}`,
        lt(updates.updatedAt, before),
      ),
    )
    .limit(500);
}
