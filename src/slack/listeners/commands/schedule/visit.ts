import { scheduleVisit } from '../../../../core/reminders/plans.js';
import { dueInstant } from '../../../../core/reminders/schedule.js';
import { formatDateTime } from '../../../../lib/dates.js';
import { md, type Mrkdwn } from '../../../mrkdwn.js';
import { mentionedUser } from '../command-args.js';
import { CommandProblem, resolveCase, type CommandInput } from '../case/command-input.js';
import { requireDate, timeOf } from './parse-when.js';

/** /visit <case> <date> <time> [type] [@assignee]: a visit, pinged the business day before and shortly before. */
export async function visit(cmd: CommandInput & { triggerId: string }): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [caseInput, dateInput, timeInput, ...rest] = cmd.args;
  const caseRow = await resolveCase(cmd, caseInput, r.visitUsage);
  if (caseRow.status !== 'open') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  const day = requireDate(ctx, dateInput, r.visitUsage);
  if (!timeInput) throw new CommandProblem(r.missingTime(r.visitUsage));
  const time = timeOf(timeInput);
  if (!time) throw new CommandProblem(r.badTime(timeInput));
  let type = r.visitTypes[0] as string;
  let assignee = cmd.userId;
  for (const word of rest) {
    const user = mentionedUser(word);
    if (user) assignee = user;
    else if (r.visitTypes.includes(word.normalize('NFKC'))) type = word.normalize('NFKC');
    else throw new CommandProblem(md`「${word}」? ${r.visitUsage}`);
  }
  const dueAt = dueInstant(ctx.core, day, time);
  if (dueAt <= ctx.core.clock.now()) throw new CommandProblem(r.pastDate(formatDateTime(dueAt, ctx.timeZone)));
  await scheduleVisit(ctx.core, caseRow, { day, time, type, title: r.visitTitle(type), assignee, by: cmd.userId, key: `cmd:${cmd.triggerId}` });
  return r.visitCreated(caseRow.code, type, formatDateTime(dueAt, ctx.timeZone), assignee);
}
