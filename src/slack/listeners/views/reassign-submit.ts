import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { reassignReminder } from '../../../core/reminders/schedule.js';
import { authorizeCase } from '../../authorize.js';
import { REASSIGN_VIEW_ID } from '../../render/modals/reassign-modal.js';
import { slackText, type SlackTextInput } from '../../mrkdwn.js';

/**
 * 担当変更 submitted: later pings go to the new assignee; the reminder counts as acknowledged.
 * Checked again at submission (the person may have left the channel since the form opened).
 */
export function registerReassignSubmit(app: App, ctx: SlackContext): void {
  app.view(REASSIGN_VIEW_ID, async ({ ack, view, body }) => {
    const fail = (text: SlackTextInput) => ack({ response_action: 'errors', errors: { assignee: slackText(text) } });
    const { reminderId } = JSON.parse(view.private_metadata) as { reminderId: number };
    const to = (view.state.values.assignee?.value as { selected_user?: string } | undefined)?.selected_user;
    const reminder = await ctx.core.store.reminders.byId(reminderId);
    const caseRow = reminder ? await ctx.core.store.cases.byId(reminder.caseId) : undefined;
    if (!reminder || !caseRow || reminder.status !== 'open') return void (await fail(ctx.text.reminders.alreadyClosed));
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'reassign form', reminder });
    if (!access.allowed) return void (await fail(access.refusal));
    if (!to) return void (await fail(ctx.text.reminders.reassignLabel));
    await reassignReminder(ctx.core, reminder, to, body.user.id);
    await ack();
  });
}
