import type { App } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { audit } from '../../../db/queries/audit.js';
import { findCaseById } from '../../../db/queries/cases.js';
import { findContactById } from '../../../db/queries/contacts.js';
import { insertMessage } from '../../../db/queries/messages.js';
import { enqueueThreadFlush } from '../../../relay/flush-thread.js';
import { enqueuePush } from '../../../relay/push-to-line.js';
import { slackToPlain } from '../../../cases/command-args.js';
import { errorMessage } from '../../../lib/errors.js';
import { authorizeCase } from '../../authorize.js';
import { SEND_VIEW_ID, type SendViewState } from '../../blocks/send-modal.js';
import { slackText, type SlackTextInput } from '../../mrkdwn.js';

/**
 * The send modal submitted: the explicit act that lets a message leave Slack for LINE. Who submits
 * is authorised again (they may have left the case's channel since the modal opened). The message is
 * stored (keyed by the view, so a double submit sends once), then pushed by the queue; the thread
 * shows a copy (reply) or marks the staff message (shortcut) when LINE accepted it.
 */
export function registerSendSubmit(app: App, ctx: AppContext): void {
  app.view(SEND_VIEW_ID, async ({ ack, view, body }) => {
    const fail = (block: 'recipient' | 'text', text: SlackTextInput) => ack({ response_action: 'errors', errors: { [block]: slackText(text) } });
    const state = JSON.parse(view.private_metadata) as SendViewState;
    const caseRow = await findCaseById(ctx.db, state.caseId);
    if (!caseRow) return void (await fail('recipient', ctx.text.noActiveContacts('')));
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'send modal' });
    if (!access.allowed) return void (await fail('recipient', access.refusal));
    const text = state.long ? await readSourceMessage(ctx, state) : (view.state.values.text?.value?.value ?? '').trim();
    if (text === undefined) return void (await fail('recipient', ctx.text.sourceMessageGone));
    if (!text) return void (await fail('text', ctx.text.emptyText));
    const contact = await findContactById(ctx.db, Number(view.state.values.recipient?.value?.selected_option?.value));
    if (caseRow.status !== 'open' || !contact || contact.caseId !== caseRow.id || contact.status !== 'active') {
      return void (await fail('recipient', ctx.text.noActiveContacts(caseRow.code)));
    }
    const { message, created } = await insertMessage(ctx.db, {
      caseId: caseRow.id,
      direction: 'slack_to_line',
      kind: 'text',
      body: text,
      contactId: contact.id,
      slackUserId: body.user.id,
      slackChannelId: caseRow.slackChannelId,
      // The shortcut sends a message already in the thread: it is marked there, no copy is posted.
      ...(state.mode === 'shortcut' && state.sourceTs ? { slackTs: state.sourceTs, sourceSlackTs: state.sourceTs } : {}),
      idempotencyKey: `view:${view.id}`,
    });
    await ack();
    if (!created) return;
    await audit(ctx.db, { actorType: 'slack_user', actorId: body.user.id, action: 'message.send_requested', caseId: caseRow.id, details: { messageId: message.id, contactId: contact.id, via: state.mode } });
    // Stored means owed: if the queue store does not answer now, the delivery sweep queues the push
    // (and the copy in the thread) from the database. The submitter has nothing to do about it.
    try {
      await enqueuePush(ctx, message.id);
      if (state.mode === 'reply') await enqueueThreadFlush(ctx, caseRow.id, message.id);
    } catch (error) {
      ctx.logger.warn({ messageId: message.id, err: errorMessage(error) }, 'send stored but not queued; the delivery sweep will send it');
    }
  });
}

/** A long message sent with the shortcut is read again from the thread (a modal cannot carry it). */
async function readSourceMessage(ctx: AppContext, state: SendViewState): Promise<string | undefined> {
  if (!state.sourceTs || !state.threadTs) return undefined;
  const res = await ctx.slack.conversations.replies({
    channel: state.channelId,
    ts: state.threadTs,
    oldest: state.sourceTs,
    latest: state.sourceTs,
    inclusive: true,
    limit: 2,
  });
  const found = res.messages?.find((m) => m.ts === state.sourceTs);
  return found?.text ? slackToPlain(found.text) : undefined;
}
