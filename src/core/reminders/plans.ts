import { todayIn } from '../../lib/dates.js';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Reminder } from '../model/reminders.js';
import { placementPlan, type PlannedReminder } from './rules/placement-plan.js';
import { createReminder, officeCalendar } from './schedule.js';

/** `/visit`: a visit (職場訪問, 家庭訪問 …) at a day and time, pinged the business day before and shortly before. */
export async function scheduleVisit(
  core: Core,
  caseRow: Pick<Case, 'id'>,
  v: { day: string; time: string; type: string; title: string; assignee: string; by: string; key: string },
): Promise<Reminder> {
  const { reminder } = await createReminder(core, caseRow.id, {
    kind: 'visit',
    rule: 'visit',
    title: v.title,
    visitType: v.type,
    dueDay: v.day,
    dueTime: v.time,
    assigneeUserId: v.assignee,
    createdBy: v.by,
    idempotencyKey: v.key,
  });
  return reminder;
}

/** `/case remind`: anything else that is due, for whoever asked. */
export async function scheduleTask(
  core: Core,
  caseRow: Pick<Case, 'id'>,
  t: { day: string; time: string | null; title: string; by: string; key: string },
): Promise<Reminder> {
  const { reminder } = await createReminder(core, caseRow.id, {
    kind: 'task',
    rule: 'custom',
    title: t.title,
    dueDay: t.day,
    dueTime: t.time,
    assigneeUserId: t.by,
    createdBy: t.by,
    idempotencyKey: t.key,
  });
  return reminder;
}

/**
 * `/placement`: records the job placement and schedules the follow-up plan (monthly contact in months
 * 1-6, the 就労定着支援 application around month 4, the six-month milestone; for 就労定着 cases monthly
 * contact and report up to 42 months), each with its rule and basis. What is already past (a placement
 * recorded late) is not scheduled.
 */
export async function recordPlacement(
  core: Core,
  caseRow: Case,
  p: { day: string; employer: string | null; by: string },
): Promise<{ created: number; milestone: PlannedReminder | undefined }> {
  await core.store.cases.update(caseRow.id, { placementDate: p.day, employer: p.employer });
  await core.store.audit.record({ actorType: 'slack_user', actorId: p.by, action: 'case.placement', caseId: caseRow.id, details: { placementDate: p.day } });
  const today = todayIn(core.clock.now(), core.settings.timeZone);
  const plan = placementPlan(p.day, caseRow.service, officeCalendar(core));
  let created = 0;
  for (const item of plan) {
    if (item.dueDay < today) continue;
    await createReminder(core, caseRow.id, {
      kind: item.kind,
      rule: item.rule,
      title: item.title,
      dueDay: item.dueDay,
      dueTime: null,
      citation: item.citation,
      shiftedFrom: item.shiftedFrom ?? null,
      shiftReason: item.reason ?? null,
      groupKey: `placement:${caseRow.id}:${p.day}`,
      assigneeUserId: caseRow.responsibleUserId,
      createdBy: p.by,
      idempotencyKey: `placement:${caseRow.id}:${p.day}:${item.rule}`,
    });
    created += 1;
  }
  return { created, milestone: plan.find((item) => item.rule === 'placement.six_months') };
}
