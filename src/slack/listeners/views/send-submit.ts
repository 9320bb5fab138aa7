import type { App, webApi } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { sendToLine } from '../../../core/conversation/send-to-line.js';
import { slackToPlain } from '../commands/command-args.js';
import { authorizeCase } from '../../authorize.js';
import { SEND_VIEW_ID, type SendViewState } from '../../render/modals/send-modal.js';
import { slackText, type SlackTextInput } from '../../mrkdwn.js';

/**
 * The send modal submitted: the explicit act that lets a message leave Slack for LINE (see
 * core/conversation/send-to-line.ts). Who submits is authorised again (they may have left the case's
 * channel since the modal opened); a double submit sends once (keyed by the view).
 */
export function registerSendSubmit(app: App, ctx: SlackContext): void {
  app.view(SEND_VIEW_ID, async ({ ack, view, body, client }) => {
    const fail = (block: 'recipient' | 'text', text: SlackTextInput) => ack({ response_action: 'errors', errors: { [block]: slackText(text) } });
    const state = JSON.parse(view.private_metadata) as SendViewState;
    const caseRow = await ctx.core.store.cases.byId(state.caseId);
    if (!caseRow) return void (await fail('recipient', ctx.text.noActiveContacts('')));
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'send modal' });
    if (!access.allowed) return void (await fail('recipient', access.refusal));
    const text = state.long ? await readSourceMessage(client, state) : (view.state.values.text?.value?.value ?? '').trim();
    if (text === undefined) return void (await fail('recipient', ctx.text.sourceMessageGone));
    if (!text) return void (await fail('text', ctx.text.emptyText));
    const outcome = await sendToLine(ctx.core, {
      caseRow,
      contactId: Number(view.state.values.recipient?.value?.selected_option?.value),
      text,
      by: body.user.id,
      via: state.mode,
      sourceTs: state.sourceTs,
      key: `view:${view.id}`,
    });
    if (outcome === 'no_recipient') return void (await fail('recipient', ctx.text.noActiveContacts(caseRow.code)));
    await ack();
  });
}

/** A long message sent with the shortcut is read again from the thread (a modal cannot carry it). */
async function readSourceMessage(client: webApi.WebClient, state: SendViewState): Promise<string | undefined> {
  if (!state.sourceTs || !state.threadTs) return undefined;
  const res = await client.conversations.replies({
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
