import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { audit } from '../../../db/queries/audit.js';
import { findCaseById } from '../../../db/queries/cases.js';
import { findMessageById, updateMessage } from '../../../db/queries/messages.js';
import { enqueuePush } from '../../../relay/push-to-line.js';
import { authorizeCase } from '../../authorize.js';
import { RETRY_ACTION_ID } from '../../blocks/thread-message.js';
import { ephemeral } from '../../mrkdwn.js';

/** 再送する under a failure notice: the same message is pushed again (with the same retry keys), by members of the case's channel. */
export function registerRetryButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(RETRY_ACTION_ID, async ({ ack, action, body, respond }) => {
    await ack();
    const message = await findMessageById(ctx.db, Number(action.value));
    if (!message || message.direction !== 'slack_to_line' || message.deliveryStatus !== 'failed') return;
    const caseRow = await findCaseById(ctx.db, message.caseId);
    if (!caseRow) return;
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'retry button' });
    if (!access.allowed) return void (await respond(ephemeral(access.refusal)));
    await updateMessage(ctx.db, message.id, { deliveryStatus: 'pending', deliveryError: null });
    await audit(ctx.db, { actorType: 'slack_user', actorId: body.user.id, action: 'message.retry_requested', caseId: message.caseId, details: { messageId: message.id } });
    await enqueuePush(ctx, message.id, Number(message.meta.failures ?? 1));
    await respond(ephemeral(ctx.text.retryQueued));
  });
}
