import { recordPlacement } from '../../../../core/reminders/plans.js';
import { formatDay, parseDateWord } from '../../../../lib/dates.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from '../case/command-input.js';

/**
 * /placement <case> <date> [employer]: records the job placement and schedules the follow-up plan
 * (monthly contact in months 1-6, the 就労定着支援 application around month 4, the six-month
 * milestone; for 就労定着 cases monthly contact and report up to 42 months), each with its rule and basis.
 */
export async function placement(cmd: CommandInput & { triggerId: string }): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [caseInput, dateInput, ...employerWords] = cmd.args;
  const caseRow = await resolveCase(cmd, caseInput, r.placementUsage);
  if (caseRow.status !== 'open') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  if (!dateInput) throw new CommandProblem(r.missingDate(r.placementUsage));
  const day = parseDateWord(dateInput, ctx.core.clock.now(), ctx.timeZone, 'nearest');
  if (!day) throw new CommandProblem(r.badDate(dateInput));
  const employer = employerWords.join(' ').slice(0, 100) || null;
  const { created, milestone } = await recordPlacement(ctx.core, caseRow, { day, employer, by: cmd.userId });
  const milestoneText = milestone ? `${formatDay(milestone.dueDay)}${milestone.reason ? `（${milestone.reason}）` : ''}` : '-';
  return r.placementCreated(caseRow.code, created, milestoneText);
}
