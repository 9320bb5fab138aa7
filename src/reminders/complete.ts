import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { cancelPendingPings, updateReminder } from '../db/queries/reminders.js';
import type { ReminderRow } from '../db/schema/reminders.js';
import { todayIn } from '../lib/dates.js';
import { monitoringMonths, scheduleMonitoring } from './monitoring.js';
import { nextMonitoringDay } from './rules/monitoring.js';
import { officeCalendar } from './schedule.js';

/**
 * Marks a reminder done (once: a second click changes nothing). A monitoring reminder schedules the
 * next one from the actual date of completion, at the person's interval.
 */
export async function completeReminder(ctx: AppContext, reminder: ReminderRow, user: string): Promise<{ completed: boolean; next?: string }> {
  if (reminder.status !== 'open') return { completed: false };
  const row = await updateReminder(ctx.db, reminder.id, { status: 'done', completedAt: ctx.now(), completedBy: user, acknowledgedAt: ctx.now() });
  if (!row) return { completed: false };
  await cancelPendingPings(ctx.db, reminder.id);
  await audit(ctx.db, { actorType: 'slack_user', actorId: user, action: 'reminder.done', caseId: reminder.caseId, details: { reminderId: reminder.id } });
  if (reminder.rule !== 'monitoring') return { completed: true };
  const caseRow = await findCaseById(ctx.db, reminder.caseId);
  if (!caseRow || caseRow.status !== 'open') return { completed: true };
  const actual = todayIn(ctx.now(), ctx.config.timeZone);
  const next = nextMonitoringDay(actual, monitoringMonths(caseRow), officeCalendar(ctx));
  await scheduleMonitoring(ctx, caseRow, next.dueDay, { createdBy: user, key: `monitoring-after:${reminder.id}`, shiftedFrom: next.shiftedFrom, reason: next.reason });
  return { completed: true, next: next.dueDay };
}
