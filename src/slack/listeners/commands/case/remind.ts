import { setSupervisor } from '../../../../core/cases/close-case.js';
import { cancelReminders } from '../../../../core/reminders/cancel.js';
import { completeReminder } from '../../../../core/reminders/monitoring.js';
import { scheduleTask } from '../../../../core/reminders/plans.js';
import { dueInstant, reassignReminder, rescheduleReminder } from '../../../../core/reminders/schedule.js';
import { formatDateTime, formatDay, todayIn } from '../../../../lib/dates.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { mentionedUser } from '../command-args.js';
import { requireDate, timeOf } from '../schedule/parse-when.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

/** /case remind <case> <date> [time] <text>: anything else that is due. */
export async function remind(cmd: CommandInput & { triggerId: string }): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [caseInput, dateInput, maybeTime, ...rest] = cmd.args;
  const caseRow = await resolveCase(cmd, caseInput, r.remindUsage);
  if (caseRow.status !== 'open') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  const day = requireDate(ctx, dateInput, r.remindUsage);
  const time = timeOf(maybeTime);
  const textWords = time ? rest : [maybeTime, ...rest].filter((w): w is string => Boolean(w));
  const title = textWords.join(' ').slice(0, 200);
  if (!title) throw new CommandProblem(r.missingText(r.remindUsage));
  const now = ctx.core.clock.now();
  const dueAt = dueInstant(ctx.core, day, time ?? null);
  if (time ? dueAt <= now : day < todayIn(now, ctx.timeZone)) throw new CommandProblem(r.pastDate(formatDay(day)));
  await scheduleTask(ctx.core, caseRow, { day, time: time ?? null, title, by: cmd.userId, key: `cmd:${cmd.triggerId}` });
  return r.remindCreated(caseRow.code, time ? formatDateTime(dueAt, ctx.timeZone) : formatDay(day));
}

/** /case reminder <number> cancel | done | assign @user | date <date> [time]: staff change a reminder. */
export async function reminderCommand(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [idInput, action, ...rest] = cmd.args;
  if (!idInput || !action) throw new CommandProblem(r.reminderUsage);
  const id = Number(idInput.normalize('NFKC').replace(/^R/i, ''));
  const reminder = Number.isInteger(id) && id > 0 ? await ctx.core.store.reminders.byId(id) : undefined;
  if (!reminder) throw new CommandProblem(r.reminderNotFound(idInput));
  const owner = await ctx.core.store.cases.byId(reminder.caseId);
  await resolveCase(cmd, owner?.code, r.reminderUsage); // only staff of the reminder's case act on it
  if (reminder.status !== 'open') throw new CommandProblem(r.alreadyClosed);
  switch (action.toLowerCase()) {
    case 'cancel':
    case '取消':
    case '取り消し': {
      await cancelReminders(ctx.core, { reminderId: reminder.id }, cmd.userId);
      return r.reminderCancelled(reminder.id);
    }
    case 'done':
    case '完了':
      await completeReminder(ctx.core, reminder, cmd.userId);
      return r.reminderDone(reminder.id);
    case 'assign':
    case '担当': {
      const user = mentionedUser(rest[0]);
      if (!user) throw new CommandProblem(r.badUser(rest[0] ?? ''));
      await reassignReminder(ctx.core, reminder, user, cmd.userId);
      return r.reminderAssigned(reminder.id, user);
    }
    case 'date':
    case '日付': {
      const day = requireDate(ctx, rest[0], r.reminderUsage);
      const time = rest[1] ? timeOf(rest[1]) : reminder.dueTime;
      if (rest[1] && !time) throw new CommandProblem(r.badTime(rest[1]));
      const row = await rescheduleReminder(ctx.core, reminder, day, time ?? null, cmd.userId);
      return r.reminderMoved(reminder.id, row.dueTime ? formatDateTime(row.dueAt, ctx.timeZone) : formatDay(row.dueDay));
    }
    default:
      throw new CommandProblem(r.reminderUsage);
  }
}

/** /case supervisor <case> @user: who gets escalations for this case (the サービス管理責任者). */
export async function supervisor(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const caseRow = await resolveCase(cmd, cmd.args[0], r.supervisorUsage);
  const user = mentionedUser(cmd.args[1]);
  if (!user) throw new CommandProblem(r.badUser(cmd.args[1] ?? ''));
  await setSupervisor(ctx.core, caseRow, user, cmd.userId);
  return r.supervisorSet(caseRow.code, user);
}
