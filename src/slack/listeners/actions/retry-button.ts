import type { App, BlockButtonAction } from '@slack/bolt';
import { retryFromNotice } from '../../../core/conversation/retry.js';
import { authorizeCase } from '../../authorize.js';
import type { SlackContext } from '../../context.js';
import { ephemeral } from '../../mrkdwn.js';
import { ACTIONS } from '../../render/post.js';

/**
 * 再送する under a failure notice (its value: the message concerned, see core/conversation/retry.ts).
 * Only those who may act on the case (members of its channel) may retry.
 */
export function registerRetryButton(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(ACTIONS.retry, async ({ ack, action, body, respond }) => {
    await ack();
    const message = await ctx.core.store.messages.byId(Number(action.value));
    if (!message) return;
    const caseRow = await ctx.core.store.cases.byId(message.caseId);
    if (!caseRow) return;
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'retry button' });
    if (!access.allowed) return void (await respond(ephemeral(access.refusal)));
    if (await retryFromNotice(ctx.core, message, body.user.id)) await respond(ephemeral(ctx.text.retryQueued));
  });
}
