import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { updateReminder } from '../db/queries/reminders.js';
import type { ReminderRow } from '../db/schema/reminders.js';

/** A new assignee: later pings go to them, and the reminder counts as acknowledged (no escalation). */
export async function reassignReminder(ctx: AppContext, reminder: ReminderRow, to: string, by: string): Promise<void> {
  await updateReminder(ctx.db, reminder.id, { assigneeUserId: to, acknowledgedAt: ctx.now() });
  await audit(ctx.db, { actorType: 'slack_user', actorId: by, action: 'reminder.reassigned', caseId: reminder.caseId, details: { reminderId: reminder.id, to } });
}
