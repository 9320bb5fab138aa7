import { addMonths, shiftToBusinessDay, type OfficeCalendar } from './calendar.js';
import type { ReminderKind } from './lead-times.js';

export interface PlannedReminder {
  kind: ReminderKind;
  /** Stable key of the rule that produced it, e.g. 'placement.contact.m3'. */
  rule: string;
  title: string;
  dueDay: string;
  citation: string;
  shiftedFrom?: string;
  reason?: string;
}

const CONTACT_CITATION = '就職後6か月の職場定着支援（就労移行: 義務、A型・B型: 努力義務）— MHLW Q&A';
const APPLICATION_CITATION = '就労定着支援の申請準備は就職後2〜5か月頃（新しい受給者証が必要）';
const MILESTONE_CITATION = '6か月定着は就労移行の基本報酬・A型B型の就労移行支援体制加算の実績（前年度内に到達したもの）';
const RETENTION_CITATION = '就労定着支援: 月1回以上の対面支援と支援レポート、最長3年（JEED）';

/**
 * The reminders after a job placement on `placementDay` (welfare.md): monthly contact and workplace
 * visits in months 1–6, the 就労定着支援 application around month 4, the six-month retention milestone,
 * and for a 就労定着支援 case monthly face-to-face support from month 7 up to month 42 (at most 3 years).
 * Each month is counted from the placement day itself (month ends clamp), then moved off closed days.
 */
export function placementPlan(placementDay: string, serviceKey: string | null, cal: OfficeCalendar): PlannedReminder[] {
  const due = (months: number) => {
    const { day, ...shift } = shiftToBusinessDay(addMonths(placementDay, months), cal);
    return { dueDay: day, ...shift };
  };
  const plan: PlannedReminder[] = [];
  for (let n = 1; n <= 5; n++) {
    plan.push({ kind: 'task', rule: `placement.contact.m${n}`, title: `就職後${n}か月目の連絡・職場訪問`, citation: CONTACT_CITATION, ...due(n) });
  }
  plan.push({
    kind: 'task',
    rule: 'placement.retention_application',
    title: '就労定着支援の利用申請の準備（受給者証）',
    citation: APPLICATION_CITATION,
    ...due(4),
  });
  plan.push({
    kind: 'milestone',
    rule: 'placement.six_months',
    title: '就職後6か月（定着実績の基準日・就労定着支援の開始）',
    citation: MILESTONE_CITATION,
    ...due(6),
  });
  if (serviceKey === '定着') {
    for (let n = 7; n <= 42; n++) {
      plan.push({
        kind: 'task',
        rule: `retention.monthly.m${n}`,
        title: `就労定着支援 ${n - 6}か月目の面談・支援レポート`,
        citation: RETENTION_CITATION,
        ...due(n),
      });
    }
  }
  return plan.sort((a, b) => a.dueDay.localeCompare(b.dueDay)); // stable: rule order on the same day
}
