import type { Core } from '../deps.js';

export interface DeliverySweepResult {
  flushes: number;
  pushes: number;
  cards: number;
}

/**
 * PostgreSQL, not the queue, decides what is still owed. Re-derives from the database every delivery
 * still owed and not touched for the sweep's minimum age: thread posts (relayed messages, notices and
 * record cards, withdrawals to put right), staff messages to LINE, record cards not showing their
 * latest version. Each gets its job unless one is still to run. Safe on every replica at any time:
 * each delivery is idempotent (the case lock and recorded post ts, LINE retry keys, cards always
 * showing the current version).
 */
export async function sweepDeliveries(core: Core, minAgeMs = core.settings.sweeps.deliveryMinAgeMs): Promise<DeliverySweepResult> {
  const before = new Date(core.clock.now().getTime() - minAgeMs);
  const result: DeliverySweepResult = { flushes: 0, pushes: 0, cards: 0 };
  for (const caseId of await core.store.messages.casesOwingThreadPosts(before)) {
    if (await core.jobs.flushThread(caseId, `sweep-c${caseId}`, { again: true })) result.flushes += 1;
  }
  for (const messageId of await core.store.messages.pushesOwed(before)) {
    if (await core.jobs.pushToLine(messageId, 'sweep', { again: true })) result.pushes += 1;
  }
  for (const card of await core.store.messages.cardsOwed(before)) {
    if (await core.jobs.refreshRecordCard(card.recordId, card.version, { again: true })) result.cards += 1;
  }
  if (result.flushes || result.pushes || result.cards) core.logger.info({ ...result }, 'owed deliveries queued again');
  return result;
}
