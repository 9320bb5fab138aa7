import type { App, BlockButtonAction } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { showTaken, takeUrgent } from '../../../core/alerts/urgent-alert.js';
import { errorCode } from '../../../lib/errors.js';
import type { UrgentAlert } from '../../../core/model/urgent.js';
import { formatDateTime, localParts } from '../../../lib/dates.js';
import { authorizeCase } from '../../authorize.js';
import type { SlackContext } from '../../context.js';
import { ephemeral } from '../../mrkdwn.js';
import { recordModal } from '../../render/modals/record-modal.js';
import { ACTIONS } from '../../render/post.js';

/**
 * The buttons of an urgent message's 🚨 block: 対応します (the first press takes it, in the audit log and
 * the thread, and opens the record form with the category of what was found, 緊急対応・事故 for
 * self-harm and emergencies; a later press is told who took it) and 記録する (the same form, for anyone
 * of the case). Only staff who may act on the case press them (authorizeCase).
 */
export function registerUrgentButtons(app: App, ctx: SlackContext): void {
  const u = ctx.text.urgent;

  const load = async (value: string, userId: string, respond: (m: ReturnType<typeof ephemeral>) => Promise<unknown>) => {
    const alert = await ctx.core.store.urgent.byId(Number(value));
    const caseRow = alert ? await ctx.core.store.cases.byId(alert.caseId) : undefined;
    if (!alert || !caseRow) return undefined;
    const access = await authorizeCase(ctx, { userId, caseRow, via: 'urgent button' });
    if (!access.allowed) {
      await respond(ephemeral(access.refusal));
      return undefined;
    }
    return { alert, caseRow };
  };

  /** The record form, filled with the case, the message, its time and the category of what was found. */
  const openRecordForm = async (client: webApi.WebClient, triggerId: string, alert: UrgentAlert, channelId: string) => {
    const message = await ctx.core.store.messages.byId(alert.messageId);
    const at = message?.lineSentAt ?? message?.createdAt ?? alert.createdAt;
    const local = localParts(at, ctx.timeZone);
    await client.views.open({
      trigger_id: triggerId,
      view: recordModal(
        { mode: 'new', channelId, caseId: alert.caseId, sourceMessageId: alert.messageId, ...(message?.slackTs ? { sourceTs: message.slackTs } : {}) },
        {
          day: local.day,
          time: local.time,
          category: alert.groups[0]?.recordCategory ?? 'emergency',
          contactKind: 'LINE',
          body: (message?.body ?? '').slice(0, 3000),
        },
        ctx.text,
        ctx.language,
      ),
    });
  };

  app.action<BlockButtonAction>(ACTIONS.urgentTake, async ({ ack, action, body, respond, client }) => {
    await ack();
    const found = await load(action.value ?? '', body.user.id, respond);
    if (!found) return;
    const result = await takeUrgent(ctx.core, found.alert.id, body.user.id);
    if (!result.taken) {
      const by = result.alert?.takenBy;
      const at = result.alert?.takenAt;
      if (by && at) await respond(ephemeral(u.alreadyTaken(by, formatDateTime(at, ctx.timeZone))));
      return;
    }
    await openRecordForm(client, body.trigger_id, found.alert, found.caseRow.slackChannelId);
    // After the form (its trigger lasts 3 seconds): the block says who took it, without 対応します.
    if (result.alert)
      await showTaken(ctx.core, result.alert).catch((error: unknown) =>
        ctx.logger.warn({ alertId: found.alert.id, code: errorCode(error) }, 'urgent block not updated'),
      );
  });

  app.action<BlockButtonAction>(ACTIONS.urgentRecord, async ({ ack, action, body, respond, client }) => {
    await ack();
    const found = await load(action.value ?? '', body.user.id, respond);
    if (!found) return;
    await openRecordForm(client, body.trigger_id, found.alert, found.caseRow.slackChannelId);
  });
}
