import { addMonths, shiftToBusinessDay, type OfficeCalendar } from './calendar.js';

/**
 * 個別支援計画 review (モニタリング) cadence per service (welfare.md): A型/B型 at least every 6 months,
 * 就労移行 every 3 months, 就労定着 probably 3 months [to be confirmed]. Unknown services get 6 months,
 * the legal maximum for A型/B型; offices can configure a shorter interval per person.
 */
export function defaultMonitoringMonths(serviceKey: string | null): number {
  switch (serviceKey) {
    case '移行':
    case '定着':
      return 3;
    default:
      return 6;
  }
}

export const MONITORING_CITATION: Record<string, string> = {
  A型: '個別支援計画の見直し: 少なくとも6か月ごと（指定障害福祉サービス基準 第58条準用）',
  B型: '個別支援計画の見直し: 少なくとも6か月ごと（指定障害福祉サービス基準 第58条準用）',
  移行: '個別支援計画の見直し: 3か月ごと（就労移行支援）',
  定着: '個別支援計画の見直し: 3か月ごと（就労定着支援、要確認）',
};

/**
 * The next review, rolling from the day the last review was actually done (not from the day it was due),
 * moved to the previous business day when the office is closed so the interval is never exceeded.
 */
export function nextMonitoringDay(actualDay: string, intervalMonths: number, cal: OfficeCalendar): { dueDay: string; shiftedFrom?: string; reason?: string } {
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1) throw new RangeError(`monitoring interval must be whole months ≥ 1: ${intervalMonths}`);
  const { day, ...shift } = shiftToBusinessDay(addMonths(actualDay, intervalMonths), cal);
  return { dueDay: day, ...shift };
}
