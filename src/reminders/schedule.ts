import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { cancelPendingPings, insertPings, insertReminder, updateReminder } from '../db/queries/reminders.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { NewReminder, ReminderPingRow, ReminderRow } from '../db/schema/reminders.js';
import { parseTimeWord, zonedInstant } from '../lib/dates.js';
import type { OfficeCalendar } from './rules/calendar.js';
import { dropPast, pingTimes, type ReminderKind } from './rules/lead-times.js';

export const officeCalendar = (ctx: Pick<AppContext, 'config'>): OfficeCalendar => ({ closedDays: ctx.config.reminders.closedDays });

/** When a reminder is due: its day at the time given, else at the office's start time. */
export function dueInstant(ctx: Pick<AppContext, 'config'>, dueDay: string, dueTime: string | null): Date {
  const time = (dueTime ? parseTimeWord(dueTime) : undefined) ?? ctx.config.reminders.officeStart;
  return zonedInstant(dueDay, time, ctx.config.timeZone);
}

export type NewReminderInput = Omit<NewReminder, 'id' | 'caseId' | 'dueAt' | 'status' | 'createdAt' | 'updatedAt'> & { kind: ReminderKind };

/**
 * Stores a reminder of a case and plans its pings (lead times, moved off closed days), then queues
 * them. Idempotent on `idempotencyKey`.
 */
export async function createReminder(ctx: AppContext, caseRow: Pick<CaseRow, 'id'>, input: NewReminderInput): Promise<{ reminder: ReminderRow; created: boolean }> {
  const { reminder, created } = await insertReminder(ctx.db, { ...input, caseId: caseRow.id, dueAt: dueInstant(ctx, input.dueDay, input.dueTime ?? null) });
  if (created) {
    await audit(ctx.db, {
      actorType: input.createdBy === 'system' ? 'system' : 'slack_user',
      actorId: input.createdBy,
      action: 'reminder.created',
      caseId: caseRow.id,
      details: { reminderId: reminder.id, kind: reminder.kind, rule: reminder.rule, dueDay: reminder.dueDay },
    });
  }
  await planPings(ctx, reminder);
  return { reminder, created };
}

/**
 * The reminder's lead-time pings from now on. When every lead time has passed but the reminder is
 * still ahead, one ping at the due time remains (nobody learns of it otherwise).
 */
export async function planPings(ctx: AppContext, reminder: ReminderRow): Promise<ReminderPingRow[]> {
  const due = reminder.dueTime ? parseTimeWord(reminder.dueTime) ?? null : null;
  const planned = dropPast(
    pingTimes({ kind: reminder.kind, dueDay: reminder.dueDay, dueTime: due }, ctx.config.reminders.leadTimes, officeCalendar(ctx), ctx.config.timeZone),
    ctx.now(),
  );
  if (planned.length === 0 && reminder.dueAt > ctx.now()) planned.push({ label: ctx.text.reminders.atDueTime, fireAt: reminder.dueAt });
  const pending = await insertPings(
    ctx.db,
    reminder.id,
    planned.map((p) => ({ kind: 'lead' as const, label: p.label, fireAt: p.fireAt, shiftReason: p.reason ?? null })),
  );
  for (const ping of pending) await enqueuePing(ctx, ping);
  return pending;
}

/** A new due day and time (postpone, edit): the old pings are cancelled and new ones planned. */
export async function rescheduleReminder(ctx: AppContext, reminder: ReminderRow, dueDay: string, dueTime: string | null, actor: string): Promise<ReminderRow> {
  await cancelPendingPings(ctx.db, reminder.id);
  const row = (await updateReminder(ctx.db, reminder.id, {
    dueDay,
    dueTime,
    dueAt: dueInstant(ctx, dueDay, dueTime),
    shiftedFrom: null,
    shiftReason: null,
    acknowledgedAt: ctx.now(),
  })) as ReminderRow;
  await audit(ctx.db, { actorType: 'slack_user', actorId: actor, action: 'reminder.rescheduled', caseId: row.caseId, details: { reminderId: row.id, dueDay, dueTime } });
  await planPings(ctx, row);
  return row;
}

/** Queues the job that sends a ping at its time. The job id makes this safe to repeat (reconcile does). */
export async function enqueuePing(ctx: Pick<AppContext, 'queues' | 'now'>, ping: Pick<ReminderPingRow, 'id' | 'fireAt'>): Promise<void> {
  await ctx.queues.enqueue('reminder.fire', { pingId: ping.id }, { jobId: pingJobId(ping.id), delay: Math.max(0, ping.fireAt.getTime() - ctx.now().getTime()) });
}

export const pingJobId = (pingId: number) => `ping-${pingId}`;
