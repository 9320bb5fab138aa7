import { todayIn } from '../../lib/dates.js';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Reminder } from '../model/reminders.js';
import { cancelReminders } from './cancel.js';
import { reminderLabels } from './labels.js';
import { MONITORING_CITATION, defaultMonitoringMonths, nextMonitoringDay } from './rules/monitoring.js';
import { createReminder, officeCalendar } from './schedule.js';

/** The person's plan-review interval: set per person (the municipality decides), else the service's default. */
export const monitoringMonths = (caseRow: Pick<Case, 'monitoringIntervalMonths' | 'service'>): number =>
  caseRow.monitoringIntervalMonths ?? defaultMonitoringMonths(caseRow.service);

/** The case's one open monitoring reminder: an earlier open one is replaced. */
export async function scheduleMonitoring(
  core: Core,
  caseRow: Case,
  day: string,
  o: { createdBy: string; key: string; shiftedFrom?: string | undefined; reason?: string | undefined },
): Promise<void> {
  await cancelReminders(core, { caseId: caseRow.id, rule: 'monitoring' }, o.createdBy);
  const months = monitoringMonths(caseRow);
  const basis = MONITORING_CITATION[caseRow.service ?? ''] ?? MONITORING_CITATION['B型'];
  await createReminder(core, caseRow.id, {
    kind: 'monitoring',
    rule: 'monitoring',
    title: reminderLabels(core).monitoringTitle,
    dueDay: day,
    dueTime: null,
    citation: `${basis ?? ''}（${months}か月ごと）`,
    shiftedFrom: o.shiftedFrom ?? null,
    shiftReason: o.reason ?? null,
    assigneeUserId: caseRow.responsibleUserId,
    createdBy: o.createdBy,
    idempotencyKey: o.key,
  });
}

/**
 * `/monitoring <case> <next date> [interval months]`: the next plan review. The interval is kept per
 * person (the municipality sets it); without one, the service's default.
 */
export async function setNextMonitoring(core: Core, caseRow: Case, day: string, months: number | undefined, o: { by: string; key: string }): Promise<number> {
  const row = months === undefined ? caseRow : ((await core.store.cases.update(caseRow.id, { monitoringIntervalMonths: months })) ?? caseRow);
  await scheduleMonitoring(core, row, day, { createdBy: o.by, key: o.key });
  return monitoringMonths(row);
}

/**
 * Marks a reminder done (once: a second click changes nothing). A monitoring reminder schedules the
 * next one from the actual date of completion, at the person's interval.
 */
export async function completeReminder(core: Core, reminder: Reminder, user: string): Promise<{ completed: boolean; next?: string }> {
  if (reminder.status !== 'open') return { completed: false };
  const now = core.clock.now();
  const row = await core.store.reminders.update(reminder.id, { status: 'done', completedAt: now, completedBy: user, acknowledgedAt: now });
  if (!row) return { completed: false };
  await core.store.reminders.cancelPendingPings(reminder.id);
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: user,
    action: 'reminder.done',
    caseId: reminder.caseId,
    details: { reminderId: reminder.id },
  });
  if (reminder.rule !== 'monitoring') return { completed: true };
  const caseRow = await core.store.cases.byId(reminder.caseId);
  if (!caseRow || caseRow.status !== 'open') return { completed: true };
  const actual = todayIn(now, core.settings.timeZone);
  const next = nextMonitoringDay(actual, monitoringMonths(caseRow), officeCalendar(core));
  await scheduleMonitoring(core, caseRow, next.dueDay, {
    createdBy: user,
    key: `monitoring-after:${reminder.id}`,
    shiftedFrom: next.shiftedFrom,
    reason: next.reason,
  });
  return { completed: true, next: next.dueDay };
}
