import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { contactsOfLineUser } from '../db/queries/contacts.js';
import { getInboundEvent, markInboundAttemptFailed, markInboundProcessed, pendingEventsOfActor } from '../db/queries/inbound-events.js';
import type { InboundEventRow } from '../db/schema/inbound-events.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { LOCK_SPACES, withAdvisoryLock } from '../db/advisory-lock.js';
import type { JobContext } from '../queues/workers.js';
import { postNotice } from '../relay/notices.js';
import { isUnsent } from '../relay/unsent.js';
import { md } from '../slack/mrkdwn.js';
import type { LineEvent } from './event-types.js';
import { onFollow, onUnfollow } from './handlers/follow.js';
import { onMessage } from './handlers/message.js';
import { onPostback } from './handlers/postback.js';
import { onUnsend } from './handlers/unsend.js';
import type { StoredLineEvent } from './webhook.js';

const handlers: Record<string, typeof onMessage> = {
  message: onMessage,
  postback: onPostback,
  follow: onFollow,
  unfollow: onUnfollow,
  unsend: onUnsend,
};

/**
 * Whether an event has a handler here: a handled type, from a person (one-to-one chat). The webhook
 * stores only these, so what is kept and what is handled cannot drift apart.
 */
export function hasLineHandler(event: { type: string; source?: unknown }): boolean {
  const source = event.source as { type?: unknown; userId?: unknown } | undefined;
  return Object.hasOwn(handlers, event.type) && source?.type === 'user' && typeof source.userId === 'string';
}

/**
 * Runs for each stored LINE event, from the inbound queue. Workers run several jobs at once, yet one
 * person's events must take effect in the order LINE sent them (intake stores them in that order).
 * So the job takes the person's lock and handles every earlier event of theirs still waiting, then
 * its own; the jobs of those earlier events then find them done. Nobody waits on a retry backoff.
 *
 * Each event is marked processed while the lock is still held: the next holder of the lock (a later
 * event's job) reads the statuses under the same lock, so it never finds a handled event still
 * waiting and handles it a second time. An event whose handler failed stays waiting for its own
 * job's retry.
 */
export async function handleLineEvent(app: AppContext, stored: StoredLineEvent, job: JobContext & { inboundEventId: number }): Promise<void> {
  const event = stored.event as unknown as LineEvent;
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || !handlers[event.type]) {
    job.logger.info({ type: event.type, sourceType: event.source?.type }, 'line event not handled');
    return;
  }
  await withAdvisoryLock(app.locks, LOCK_SPACES.lineUser, userId, async () => {
    for (const earlier of await pendingEventsOfActor(app.db, 'line', userId, job.inboundEventId)) {
      if (earlier.id === job.inboundEventId) continue;
      try {
        await handleOne(app, earlier.payload as StoredLineEvent, userId, { ...job, inboundEventId: earlier.id });
        await markInboundProcessed(app.db, earlier.id);
      } catch (error) {
        // Its own job retries it; later events do not wait behind a failure.
        job.logger.warn({ earlierEventId: earlier.id, err: errorMessage(error) }, 'an earlier event of this LINE user failed; left to its own job');
        await markInboundAttemptFailed(app.db, earlier.id, errorMessage(error), false);
      }
    }
    const own = await getInboundEvent(app.db, job.inboundEventId);
    if (own?.status !== 'received') return; // handled meanwhile by a later event's job
    await handleOne(app, own.payload as StoredLineEvent, userId, job);
    await markInboundProcessed(app.db, job.inboundEventId);
  });
}

async function handleOne(app: AppContext, stored: StoredLineEvent, userId: string, job: JobContext & { inboundEventId: number }): Promise<void> {
  const event = stored.event as unknown as LineEvent;
  const handler = handlers[event.type];
  if (!handler) return;
  if (event.type === 'message' && event.message?.id && stored.event.mode === 'standby') return;
  // A message its sender already withdrew (the unsend was handled first) is not handled at all.
  if (event.type === 'message' && event.message?.id && (await isUnsent(app.db, event.message.id))) {
    job.logger.info({ inboundEventId: job.inboundEventId }, 'line message withdrawn before it was handled; dropped');
    return;
  }
  job.logger.info({ type: event.type, inboundEventId: job.inboundEventId }, 'line event');
  await handler({ app, job, event, userId });
}

/**
 * A LINE event gave up after its last attempt. Each case its sender is actively linked to hears of it
 * in its thread (no content), with 再送する to put the event back; with no case known, an operator
 * log line carries the event's id and kind only.
 */
export async function reportFailedLineEvent(app: AppContext, row: InboundEventRow, logger: Logger): Promise<void> {
  const links = row.actor ? await contactsOfLineUser(app.db, row.actor, { statuses: ['active'] }) : [];
  const caseIds = [...new Set(links.map((l) => l.case.id))];
  if (caseIds.length === 0) {
    logger.error({ inboundEventId: row.id, kind: row.kind }, 'a LINE event could not be processed and no case is known');
    await audit(app.db, { actorType: 'system', action: 'inbound.failed', details: { inboundEventId: row.id, kind: row.kind } });
    return;
  }
  logger.error({ inboundEventId: row.id, kind: row.kind, cases: caseIds.length }, 'a LINE event could not be processed; said in its case threads');
  for (const caseId of caseIds) {
    await audit(app.db, { actorType: 'system', action: 'inbound.failed', caseId, details: { inboundEventId: row.id, kind: row.kind } });
    // One notice per giving-up (an event retried with 再送する may give up again later).
    await postNotice(app, { id: caseId }, `inbound-failed:${row.id}:${row.processedAt?.getTime() ?? 0}`, md`⚠️ ${app.text.lineEventFailed}`, {
      retryInboundEventId: row.id,
      retrySelf: true,
    });
  }
}
