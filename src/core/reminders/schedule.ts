import { parseTimeWord, zonedInstant } from '../../lib/dates.js';
import type { Core } from '../deps.js';
import type { NewReminder, Reminder, ReminderKind, ReminderPing } from '../model/reminders.js';
import type { OfficeCalendar } from './rules/calendar.js';
import { reminderLabels } from './labels.js';
import { dropPast, pingTimes } from './rules/lead-times.js';

export const officeCalendar = (core: Pick<Core, 'settings'>): OfficeCalendar => ({ closedDays: core.settings.reminders.closedDays });

/** When a reminder is due: its day at the time given, else at the office's start time. */
export function dueInstant(core: Pick<Core, 'settings'>, dueDay: string, dueTime: string | null): Date {
  const time = (dueTime ? parseTimeWord(dueTime) : undefined) ?? core.settings.reminders.officeStart;
  return zonedInstant(dueDay, time, core.settings.timeZone);
}

export type NewReminderInput = Omit<NewReminder, 'caseId' | 'dueAt'> & { kind: ReminderKind };

/**
 * Stores a reminder of a case and plans its pings (lead times, moved off closed days), then queues
 * them. Idempotent on `idempotencyKey`.
 */
export async function createReminder(core: Core, caseId: number, input: NewReminderInput): Promise<{ reminder: Reminder; created: boolean }> {
  const { reminder, created } = await core.store.reminders.insert({ ...input, caseId, dueAt: dueInstant(core, input.dueDay, input.dueTime ?? null) });
  if (created) {
    await core.store.audit.record({
      actorType: input.createdBy === 'system' ? 'system' : 'slack_user',
      actorId: input.createdBy,
      action: 'reminder.created',
      caseId,
      details: { reminderId: reminder.id, kind: reminder.kind, rule: reminder.rule, dueDay: reminder.dueDay },
    });
  }
  await planPings(core, reminder);
  return { reminder, created };
}

/**
 * The reminder's lead-time pings from now on. When every lead time has passed but the reminder is
 * still ahead, one ping at the due time remains (nobody learns of it otherwise).
 */
export async function planPings(core: Core, reminder: Reminder): Promise<ReminderPing[]> {
  const now = core.clock.now();
  const due = reminder.dueTime ? (parseTimeWord(reminder.dueTime) ?? null) : null;
  const planned = dropPast(
    pingTimes({ kind: reminder.kind, dueDay: reminder.dueDay, dueTime: due }, core.settings.reminders.leadTimes, officeCalendar(core), core.settings.timeZone),
    now,
  );
  if (planned.length === 0 && reminder.dueAt > now) planned.push({ label: reminderLabels(core).atDueTime, fireAt: reminder.dueAt });
  const pending = await core.store.reminders.addPings(
    reminder.id,
    planned.map((p) => ({ kind: 'lead' as const, label: p.label, fireAt: p.fireAt, shiftReason: p.reason ?? null })),
  );
  for (const ping of pending) await core.jobs.firePing(ping);
  return pending;
}

/** A new due day and time (postpone, edit): the old pings are cancelled and new ones planned. */
export async function rescheduleReminder(core: Core, reminder: Reminder, dueDay: string, dueTime: string | null, actor: string): Promise<Reminder> {
  await core.store.reminders.cancelPendingPings(reminder.id);
  const row = (await core.store.reminders.update(reminder.id, {
    dueDay,
    dueTime,
    dueAt: dueInstant(core, dueDay, dueTime),
    shiftedFrom: null,
    shiftReason: null,
    acknowledgedAt: core.clock.now(),
  })) as Reminder;
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: actor,
    action: 'reminder.rescheduled',
    caseId: row.caseId,
    details: { reminderId: row.id, dueDay, dueTime },
  });
  await planPings(core, row);
  return row;
}

/** A new assignee: later pings go to them, and the reminder counts as acknowledged (no escalation). */
export async function reassignReminder(core: Core, reminder: Reminder, to: string, by: string): Promise<void> {
  await core.store.reminders.update(reminder.id, { assigneeUserId: to, acknowledgedAt: core.clock.now() });
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: by,
    action: 'reminder.reassigned',
    caseId: reminder.caseId,
    details: { reminderId: reminder.id, to },
  });
}
