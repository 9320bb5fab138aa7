import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { audit } from '../../../db/queries/audit.js';
import { requeueFailedInboundEvent } from '../../../db/queries/inbound-events.js';
import { findMessageById, reopenFailedThreadPost, updateMessage } from '../../../db/queries/messages.js';
import { inboundJobId } from '../../../inbound/intake.js';
import { errorMessage } from '../../../lib/errors.js';
import { findCaseById } from '../../../db/queries/cases.js';
import { enqueuePush } from '../../../relay/push-to-line.js';
import { authorizeCase } from '../../authorize.js';
import { RETRY_ACTION_ID } from '../../blocks/thread-message.js';
import { ephemeral } from '../../mrkdwn.js';

/**
 * 再送する under a failure notice. Its value is the id of the message concerned:
 * - a staff message LINE did not accept: pushed again (with the same retry keys);
 * - a message the thread could not show: set owed again, and the thread flushed;
 * - the notice of a LINE event that gave up (the notice itself): the event is put back to be handled.
 * What is set owed stays owed in the database: if queueing fails, the delivery or inbound sweep queues it.
 * Only those who may act on the case (members of its channel) may retry.
 */
export function registerRetryButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(RETRY_ACTION_ID, async ({ ack, action, body, respond }) => {
    await ack();
    const message = await findMessageById(ctx.db, Number(action.value));
    if (!message) return;
    const caseRow = await findCaseById(ctx.db, message.caseId);
    if (!caseRow) return;
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'retry button' });
    if (!access.allowed) return void (await respond(ephemeral(access.refusal)));
    const actor = { actorType: 'slack_user' as const, actorId: body.user.id, caseId: message.caseId };
    const queued = (what: Promise<unknown>) =>
      what.catch((err: unknown) => ctx.logger.warn({ messageId: message.id, err: errorMessage(err) }, 'retry not queued now; the sweep will queue it'));
    let done = false;
    if (message.direction === 'note' && typeof message.meta.retryInboundEventId === 'number') {
      const inboundEventId = message.meta.retryInboundEventId;
      if (await requeueFailedInboundEvent(ctx.db, inboundEventId)) {
        await audit(ctx.db, { ...actor, action: 'inbound.retry_requested', details: { inboundEventId } });
        await queued(ctx.queues.ensure('inbound.process', { inboundEventId }, inboundJobId(inboundEventId)));
        done = true;
      }
    }
    if (await reopenFailedThreadPost(ctx.db, message.id)) {
      await audit(ctx.db, { ...actor, action: 'message.thread_post_retry_requested', details: { messageId: message.id } });
      await queued(ctx.queues.ensure('thread.flush', { caseId: message.caseId }, `flush-r${message.id}-${Date.now()}`));
      done = true;
    }
    if (message.direction === 'slack_to_line' && message.deliveryStatus === 'failed') {
      await updateMessage(ctx.db, message.id, { deliveryStatus: 'pending', deliveryError: null });
      await audit(ctx.db, { ...actor, action: 'message.retry_requested', details: { messageId: message.id } });
      await queued(enqueuePush(ctx, message.id, Number(message.meta.failures ?? 1)));
      done = true;
    }
    if (done) await respond(ephemeral(ctx.text.retryQueued));
  });
}
