import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { audit } from '../../../db/queries/audit.js';
import { findCaseById } from '../../../db/queries/cases.js';
import { contactsOfCase } from '../../../db/queries/contacts.js';
import { findMessageById } from '../../../db/queries/messages.js';
import { authorizeCase } from '../../authorize.js';
import { REPLY_ACTION_ID } from '../../blocks/thread-message.js';
import { sendModal } from '../../blocks/send-modal.js';
import { ephemeral } from '../../mrkdwn.js';

/** 返信 on a relayed message: the send modal, addressed to its sender by default (members of the case's channel only). */
export function registerReplyButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(REPLY_ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const message = await findMessageById(ctx.db, Number(action.value));
    const caseRow = message ? await findCaseById(ctx.db, message.caseId) : undefined;
    if (!message || !caseRow) return;
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'reply button' });
    if (!access.allowed) return void (await respond(ephemeral(access.refusal)));
    const contacts = await contactsOfCase(ctx.db, caseRow.id, ['active']);
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
    await audit(ctx.db, { actorType: 'slack_user', actorId: body.user.id, action: 'send_modal.opened', caseId: caseRow.id, details: { via: 'reply button', messageId: message.id } });
  });
}
