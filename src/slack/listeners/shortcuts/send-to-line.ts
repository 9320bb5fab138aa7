import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { slackToPlain } from '../commands/command-args.js';
import { MESSAGE_SHORTCUTS } from '../../app-manifest.js';
import { authorizeCase } from '../../authorize.js';
import { MODAL_TEXT_MAX, sendModal } from '../../render/modals/send-modal.js';
import { ephemeral, type SlackTextInput } from '../../mrkdwn.js';

/**
 * The message shortcut "LINEに送信" on a staff message in a case thread: the send modal with its text,
 * to confirm. Members of the case's channel only.
 */
export function registerSendShortcut(app: App, ctx: SlackContext): void {
  app.shortcut<MessageShortcut>(MESSAGE_SHORTCUTS.sendToLine.callbackId, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const msg = shortcut.message as { ts: string; thread_ts?: string; text?: string; bot_id?: string; subtype?: string; user?: string };
    const say = (text: SlackTextInput) => respond(ephemeral(text));
    const caseRow = msg.thread_ts && msg.thread_ts !== msg.ts ? await ctx.core.store.cases.byThread(shortcut.channel.id, msg.thread_ts) : undefined;
    if (!caseRow) return void (await say(ctx.text.notACaseThread));
    const access = await authorizeCase(ctx, { userId: shortcut.user.id, caseRow, via: 'send shortcut' });
    if (!access.allowed) return void (await say(access.refusal));
    if (msg.bot_id || msg.subtype || !msg.user) return void (await say(ctx.text.notAStaffMessage));
    const contacts = await ctx.core.store.contacts.ofCase(caseRow.id, ['active']);
    if (contacts.length === 0 || caseRow.status !== 'open') return void (await say(ctx.text.noActiveContacts(caseRow.code)));
    const text = slackToPlain(msg.text ?? '');
    const long = text.length > MODAL_TEXT_MAX;
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: sendModal(
        { caseId: caseRow.id, mode: 'shortcut', sourceTs: msg.ts, threadTs: msg.thread_ts, channelId: caseRow.slackChannelId, ...(long ? { long } : {}) },
        contacts,
        long ? { longText: text, caseCode: caseRow.code } : { initialText: text, caseCode: caseRow.code },
        ctx.text,
      ),
    });
    await ctx.core.store.audit.record({
      actorType: 'slack_user',
      actorId: shortcut.user.id,
      action: 'send_modal.opened',
      caseId: caseRow.id,
      details: { via: 'send shortcut' },
    });
  });
}
