import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { slackToPlain } from '../commands/command-args.js';
import { formatDateTime, localParts } from '../../../lib/dates.js';
import { MESSAGE_SHORTCUTS } from '../../app-manifest.js';
import { authorizeCase } from '../../authorize.js';
import { recordModal } from '../../render/modals/record-modal.js';
import { senderLabel } from '../../render/sender.js';
import { ephemeral, type SlackTextInput } from '../../mrkdwn.js';

/**
 * The message shortcut 記録する on any message in a case thread (a staff message, or a relayed family
 * message): the record form filled with the message's text, time and author; the record links to it.
 */
export function registerRecordShortcut(app: App, ctx: SlackContext): void {
  app.shortcut<MessageShortcut>(MESSAGE_SHORTCUTS.record.callbackId, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const r = ctx.text.records;
    const say = (text: SlackTextInput) => respond(ephemeral(text));
    const msg = shortcut.message as { ts: string; thread_ts?: string; text?: string; user?: string };
    const channel = shortcut.channel.id;
    const caseRow = msg.thread_ts && msg.thread_ts !== msg.ts ? await ctx.core.store.cases.byThread(channel, msg.thread_ts) : undefined;
    if (!caseRow) return void (await say(r.notInCase));
    const access = await authorizeCase(ctx, { userId: shortcut.user.id, caseRow, via: 'record shortcut' });
    if (!access.allowed) return void (await say(access.refusal));
    const stored = await ctx.core.store.messages.bySlackTs(channel, msg.ts);
    let at = new Date(Number(msg.ts) * 1000);
    let body = slackToPlain(msg.text ?? '');
    let who = msg.user ? await ctx.core.directory.staffName(msg.user) : '';
    if (stored && stored.direction !== 'note') {
      at = stored.createdAt;
      body = stored.body ?? '';
      const contact = stored.contactId ? await ctx.core.store.contacts.byId(stored.contactId) : undefined;
      if (stored.direction === 'line_to_slack' && contact) who = senderLabel(contact);
      if (stored.direction === 'slack_to_line' && stored.slackUserId) who = await ctx.core.directory.staffName(stored.slackUserId);
    }
    const local = localParts(at, ctx.timeZone);
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: recordModal(
        { mode: 'new', channelId: channel, caseId: caseRow.id, sourceTs: msg.ts, ...(stored ? { sourceMessageId: stored.id } : {}) },
        {
          day: local.day,
          time: local.time,
          body: body.slice(0, 3000),
          ...(stored?.direction === 'line_to_slack' ? { contactKind: 'LINE' } : {}),
          context: r.fromMessage(who, formatDateTime(at, ctx.timeZone)),
        },
        ctx.text,
        ctx.language,
      ),
    });
  });
}
