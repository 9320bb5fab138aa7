import { updateCase } from '../../../../db/queries/cases.js';
import { formatDay, parseDateWord, todayIn } from '../../../../lib/dates.js';
import { placementPlan } from '../../../../reminders/rules/placement-plan.js';
import { createReminder, officeCalendar } from '../../../../reminders/schedule.js';
import { audit } from '../../../../db/queries/audit.js';
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
  const day = parseDateWord(dateInput, ctx.now(), ctx.config.timeZone, 'nearest');
  if (!day) throw new CommandProblem(r.badDate(dateInput));
  const employer = employerWords.join(' ').slice(0, 100) || null;
  await updateCase(ctx.db, caseRow.id, { placementDate: day, employer });
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'case.placement', caseId: caseRow.id, details: { placementDate: day } });

  const today = todayIn(ctx.now(), ctx.config.timeZone);
  const plan = placementPlan(day, caseRow.service, officeCalendar(ctx));
  let created = 0;
  for (const p of plan) {
    if (p.dueDay < today) continue; // a placement recorded late: what is already past is not scheduled
    await createReminder(ctx, caseRow, {
      kind: p.kind,
      rule: p.rule,
      title: p.title,
      dueDay: p.dueDay,
      dueTime: null,
      citation: p.citation,
      shiftedFrom: p.shiftedFrom ?? null,
      shiftReason: p.reason ?? null,
      groupKey: `placement:${caseRow.id}:${day}`,
      assigneeUserId: caseRow.responsibleUserId,
      createdBy: cmd.userId,
      idempotencyKey: `placement:${caseRow.id}:${day}:${p.rule}`,
    });
    created += 1;
  }
  const milestone = plan.find((p) => p.rule === 'placement.six_months');
  const milestoneText = milestone ? `${formatDay(milestone.dueDay)}${milestone.reason ? `（${milestone.reason}）` : ''}` : '-';
  return r.placementCreated(caseRow.code, created, milestoneText);
}
