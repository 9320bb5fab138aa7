import { mentionedUser } from '../../../../cases/command-args.js';
import { audit } from '../../../../db/queries/audit.js';
import { findCaseById, updateCase } from '../../../../db/queries/cases.js';
import { findReminder } from '../../../../db/queries/reminders.js';
import { cancelReminder } from '../../../../reminders/cancel.js';
import { reassignReminder } from '../../../../reminders/reassign.js';
import { formatDateTime, formatDay, todayIn } from '../../../../lib/dates.js';
import { completeReminder } from '../../../../reminders/complete.js';
import { createReminder, dueInstant, rescheduleReminder } from '../../../../reminders/schedule.js';
import { requireDate, timeOf } from '../schedule/parse-when.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
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
  const dueAt = dueInstant(ctx, day, time ?? null);
  if (time ? dueAt <= ctx.now() : day < todayIn(ctx.now(), ctx.config.timeZone)) throw new CommandProblem(r.pastDate(formatDay(day)));
  await createReminder(ctx, caseRow, {
    kind: 'task',
    rule: 'custom',
    title,
    dueDay: day,
    dueTime: time ?? null,
    assigneeUserId: cmd.userId,
    createdBy: cmd.userId,
    idempotencyKey: `cmd:${cmd.triggerId}`,
  });
  return r.remindCreated(caseRow.code, time ? formatDateTime(dueAt, ctx.config.timeZone) : formatDay(day));
}

/** /case reminder <number> cancel | done | assign @user | date <date> [time]: staff change a reminder. */
export async function reminderCommand(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [idInput, action, ...rest] = cmd.args;
  if (!idInput || !action) throw new CommandProblem(r.reminderUsage);
  const id = Number(idInput.normalize('NFKC').replace(/^R/i, ''));
  const reminder = Number.isInteger(id) && id > 0 ? await findReminder(ctx.db, id) : undefined;
  if (!reminder) throw new CommandProblem(r.reminderNotFound(idInput));
  const owner = await findCaseById(ctx.db, reminder.caseId);
  const caseRow = await resolveCase(cmd, owner?.code, r.reminderUsage);
  if (reminder.status !== 'open') throw new CommandProblem(r.alreadyClosed);
  switch (action.toLowerCase()) {
    case 'cancel':
    case '取消':
    case '取り消し': {
      await cancelReminder(ctx, reminder.id, cmd.userId);
      return r.reminderCancelled(reminder.id);
    }
    case 'done':
    case '完了':
      await completeReminder(ctx, reminder, cmd.userId);
      return r.reminderDone(reminder.id);
    case 'assign':
    case '担当': {
      const user = mentionedUser(rest[0]);
      if (!user) throw new CommandProblem(r.badUser(rest[0] ?? ''));
      await reassignReminder(ctx, reminder, user, cmd.userId);
      return r.reminderAssigned(reminder.id, user);
    }
    case 'date':
    case '日付': {
      const day = requireDate(ctx, rest[0], r.reminderUsage);
      const time = rest[1] ? timeOf(rest[1]) : reminder.dueTime;
      if (rest[1] && !time) throw new CommandProblem(r.badTime(rest[1]));
      const row = await rescheduleReminder(ctx, reminder, day, time ?? null, cmd.userId);
      return r.reminderMoved(reminder.id, row.dueTime ? formatDateTime(row.dueAt, ctx.config.timeZone) : formatDay(row.dueDay));
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
  await updateCase(ctx.db, caseRow.id, { supervisorUserId: user });
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'case.supervisor_set', caseId: caseRow.id, details: { supervisor: user } });
  return r.supervisorSet(caseRow.code, user);
}
