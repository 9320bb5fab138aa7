import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { addDays, localParts } from '../../../lib/dates.js';
import { completeReminder } from '../../../core/reminders/monitoring.js';
import { rescheduleReminder } from '../../../core/reminders/schedule.js';
import { authorizeCase } from '../../authorize.js';
import { recordModal } from '../../render/modals/record-modal.js';
import { ACTIONS } from '../../render/post.js';
import { dueText } from '../../render/thread/reminder-ping.js';
import { reassignModal } from '../../render/modals/reassign-modal.js';
import { ephemeral, slackText, type SlackTextInput } from '../../mrkdwn.js';

/** Visit types → the record form's contact kind, when a completed visit offers the record form. */
const VISIT_CONTACT_KIND: Record<string, string> = {
  職場訪問: '職場訪問',
  家庭訪問: '家庭訪問',
  通院同行: '通院同行',
  ハローワーク同行: 'ハローワーク同行',
  訪問看護: '家庭訪問',
};

/**
 * The buttons on a ping: 完了, 1日延期, 1週間延期, 担当変更. Any of them acknowledges the reminder (no
 * escalation). The clicked message is replaced by what was done, and the case thread is told.
 */
export function registerReminderButtons(app: App, ctx: SlackContext): void {
  const r = ctx.text.reminders;
  /** The reminder and its case, if this person may act on it (authorizeCase: the assignee, the supervisor, or a member of the case's channel). */
  const load = async (value: string, user: string, respond: (m: ReturnType<typeof ephemeral>) => Promise<unknown>) => {
    const reminder = await ctx.core.store.reminders.byId(Number(value));
    const caseRow = reminder ? await ctx.core.store.cases.byId(reminder.caseId) : undefined;
    if (!reminder || !caseRow) {
      await respond(ephemeral(r.alreadyClosed));
      return undefined;
    }
    const access = await authorizeCase(ctx, { userId: user, caseRow, via: 'reminder button', reminder });
    if (!access.allowed) {
      await respond(ephemeral(access.refusal));
      return undefined;
    }
    return { reminder, caseRow };
  };
  const replaceWith = (text: SlackTextInput) => ({ replace_original: true, text: slackText(text) });

  app.action<BlockButtonAction>(ACTIONS.reminderDone, async ({ ack, action, body, respond, client }) => {
    await ack();
    const found = await load(action.value ?? '', body.user.id, respond);
    if (!found) return;
    const { reminder, caseRow } = found;
    const result = await completeReminder(ctx.core, reminder, body.user.id);
    if (!result.completed) return void (await respond(ephemeral(r.alreadyClosed)));
    await respond(replaceWith(r.doneBy(body.user.id, reminder.title)));
    if (result.next) await respond(ephemeral(r.nextMonitoring(caseRow.code, result.next.replaceAll('-', '/'))));
    if (reminder.kind === 'visit') {
      // A visit done: offer the record form, filled with the case, the kind of visit and its time.
      const when = localParts(reminder.dueAt, ctx.timeZone);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: recordModal(
          { mode: 'new', channelId: caseRow.slackChannelId, caseId: caseRow.id },
          { day: when.day, time: when.time, contactKind: VISIT_CONTACT_KIND[reminder.visitType ?? ''] ?? null, category: 'employer' },
          ctx.text,
          ctx.language,
        ),
      });
    }
  });

  const postpone =
    (days: number) =>
    async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
      await ack();
      const found = await load(action.value ?? '', body.user.id, respond);
      if (!found) return;
      if (found.reminder.status !== 'open') return void (await respond(ephemeral(r.alreadyClosed)));
      // A staff member's explicit choice: the new day is kept as given, weekend or not.
      const row = await rescheduleReminder(ctx.core, found.reminder, addDays(found.reminder.dueDay, days), found.reminder.dueTime, body.user.id);
      await respond(replaceWith(r.postponed(body.user.id, row.title, dueText(row, ctx.timeZone))));
    };
  app.action<BlockButtonAction>(ACTIONS.reminderPostponeDay, postpone(1));
  app.action<BlockButtonAction>(ACTIONS.reminderPostponeWeek, postpone(7));

  app.action<BlockButtonAction>(ACTIONS.reminderReassign, async ({ ack, action, body, respond, client }) => {
    await ack();
    const found = await load(action.value ?? '', body.user.id, respond);
    if (!found) return;
    if (found.reminder.status !== 'open') return void (await respond(ephemeral(r.alreadyClosed)));
    await client.views.open({ trigger_id: body.trigger_id, view: reassignModal(found.reminder, ctx.text) });
  });
}
