import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { authorizeCase } from '../../authorize.js';
import { ACTIONS } from '../../render/post.js';
import { sendModal } from '../../render/modals/send-modal.js';
import { ephemeral } from '../../mrkdwn.js';

/** 返信 on a relayed message: the send modal, addressed to its sender by default (members of the case's channel only). */
export function registerReplyButton(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(ACTIONS.reply, async ({ ack, body, action, client, respond }) => {
    await ack();
    const message = await ctx.core.store.messages.byId(Number(action.value));
    const caseRow = message ? await ctx.core.store.cases.byId(message.caseId) : undefined;
    if (!message || !caseRow) return;
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'reply button' });
    if (!access.allowed) return void (await respond(ephemeral(access.refusal)));
    const contacts = await ctx.core.store.contacts.ofCase(caseRow.id, ['active']);
    if (contacts.length === 0 || caseRow.status !== 'open') return void (await respond(ephemeral(ctx.text.noActiveContacts(caseRow.code))));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: sendModal(
        { caseId: caseRow.id, mode: 'reply', channelId: caseRow.slackChannelId },
        contacts,
        { initialContactId: message.contactId, caseCode: caseRow.code },
        ctx.text,
      ),
    });
    await ctx.core.store.audit.record({
      actorType: 'slack_user',
      actorId: body.user.id,
      action: 'send_modal.opened',
      caseId: caseRow.id,
      details: { via: 'reply button', messageId: message.id },
    });
  });
}
