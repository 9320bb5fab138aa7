import type { App, MessageShortcut } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { slackToPlain } from '../../../cases/command-args.js';
import { findCaseByThread } from '../../../db/queries/cases.js';
import { contactsOfCase } from '../../../db/queries/contacts.js';
import { MESSAGE_SHORTCUTS } from '../../app-manifest.js';
import { MODAL_TEXT_MAX, sendModal } from '../../blocks/send-modal.js';

/** The message shortcut "LINEに送信" on a staff message in a case thread: the send modal with its text, to confirm. */
export function registerSendShortcut(app: App, ctx: AppContext): void {
  app.shortcut<MessageShortcut>(MESSAGE_SHORTCUTS.sendToLine.callbackId, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const msg = shortcut.message as { ts: string; thread_ts?: string; text?: string; bot_id?: string; subtype?: string; user?: string };
    const say = (text: string) => respond({ response_type: 'ephemeral', text });
    const caseRow = msg.thread_ts && msg.thread_ts !== msg.ts ? await findCaseByThread(ctx.db, shortcut.channel.id, msg.thread_ts) : undefined;
    if (!caseRow) return void (await say(ctx.text.notACaseThread));
    if (msg.bot_id || msg.subtype || !msg.user) return void (await say(ctx.text.notAStaffMessage));
    const contacts = await contactsOfCase(ctx.db, caseRow.id, ['active']);
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
  });
}
