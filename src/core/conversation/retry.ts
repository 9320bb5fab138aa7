import { errorCode } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import type { Message } from '../model/messages.js';

/**
 * 再送する under a failure notice. `message` is the one the button names:
 * - a staff message LINE did not accept: pushed again (with the same retry keys);
 * - a message the thread could not show: owed again, and the thread delivered;
 * - the notice of a LINE event that gave up (the notice itself): the event is handled again.
 * What is set owed stays owed in the database: if queueing fails, a sweep queues it. True when
 * something was asked for again.
 */
export async function retryFromNotice(core: Core, message: Message, by: string): Promise<boolean> {
  const actor = { actorType: 'slack_user' as const, actorId: by, caseId: message.caseId };
  const now = core.clock.now().getTime();
  const queued = (what: Promise<unknown>) =>
    what.catch((err: unknown) => core.logger.warn({ messageId: message.id, code: errorCode(err) }, 'retry not queued now; a sweep will queue it'));
  let done = false;
  const note = message.note;
  const inboundEventId =
    note?.kind === 'line_event_failed'
      ? note.inboundEventId
      : note?.kind === 'notice' && note.notice.type === 'rendered'
        ? note.notice.retryInboundEventId
        : undefined;
  if (inboundEventId !== undefined && (await retryInboundEvent(core, inboundEventId, actor))) done = true;
  if (await core.store.messages.reopenPost(message.id)) {
    await core.store.audit.record({ ...actor, action: 'message.thread_post_retry_requested', details: { messageId: message.id } });
    await queued(core.jobs.flushThread(message.caseId, `r${message.id}-${now}`, { again: true }));
    done = true;
  }
  if (message.direction === 'slack_to_line' && (await core.store.messages.reopenPush(message.id))) {
    await core.store.audit.record({ ...actor, action: 'message.retry_requested', details: { messageId: message.id } });
    await queued(core.jobs.pushToLine(message.id, `retry-${message.pushFailures}`, { again: true }));
    done = true;
  }
  return done;
}

/**
 * A stored LINE or Slack event that failed for good is handled again (再送する under its notice, or
 * 再試行 in the admins' App Home); false when it was not failed, or its content is gone (retention).
 */
export async function retryInboundEvent(
  core: Core,
  inboundEventId: number,
  actor: { actorType: 'slack_user'; actorId: string; caseId: number | null },
): Promise<boolean> {
  if (!(await core.store.inbound.requeueFailed(inboundEventId))) return false;
  await core.store.audit.record({ ...actor, action: 'inbound.retry_requested', details: { inboundEventId } });
  await core.jobs.processInbound(inboundEventId, { again: true }).catch((err: unknown) =>
    // Owed in the database already (status received): the inbound sweep queues it.
    core.logger.warn({ inboundEventId, code: errorCode(err) }, 'retry not queued now; a sweep will queue it'),
  );
  return true;
}
