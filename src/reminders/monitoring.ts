import type { AppContext } from '../context.js';
import type { CaseRow } from '../db/schema/cases.js';
import { cancelOpenReminders } from './cancel.js';
import { MONITORING_CITATION, defaultMonitoringMonths } from './rules/monitoring.js';
import { createReminder } from './schedule.js';

/** The person's plan-review interval: set per person (the municipality decides), else the service's default. */
export const monitoringMonths = (caseRow: Pick<CaseRow, 'monitoringIntervalMonths' | 'service'>): number =>
  caseRow.monitoringIntervalMonths ?? defaultMonitoringMonths(caseRow.service);

/** The case's one open monitoring reminder: an earlier open one is replaced. */
export async function scheduleMonitoring(
  ctx: AppContext,
  caseRow: CaseRow,
  day: string,
  o: { createdBy: string; key: string; shiftedFrom?: string | undefined; reason?: string | undefined },
): Promise<void> {
  await cancelOpenReminders(ctx, caseRow.id, 'monitoring', o.createdBy);
  const months = monitoringMonths(caseRow);
  const basis = MONITORING_CITATION[caseRow.service ?? ''] ?? MONITORING_CITATION['B型'];
  await createReminder(ctx, caseRow, {
    kind: 'monitoring',
    rule: 'monitoring',
    title: ctx.text.reminders.monitoringTitle,
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
