import holiday_jp from '@holiday-jp/holiday_jp';
import { DateTime } from 'luxon';
import { addDays, formatDay } from '../../../lib/dates.js';

/**
 * The office calendar: weekends, Japanese public holidays (内閣府の「国民の祝日」, via @holiday-jp/holiday_jp,
 * including 振替休日 and 国民の休日) and the office's own closed days. Calendar days are ISO strings
 * (`YYYY-MM-DD`) and never pass through a JS Date, so nothing depends on the machine's time zone.
 */
export interface OfficeCalendar {
  /** Extra closed days every year, as `MM-DD` (the office's 年末年始). */
  closedDays: readonly string[];
}

/** The common 年末年始 closure (12/29–1/3), configurable per office; 01-01 is a public holiday anyway. */
export const DEFAULT_CLOSED_DAYS: readonly string[] = ['12-29', '12-30', '12-31', '01-02', '01-03'];

// The library's table keyed by ISO day (1970–2050). Looking it up by string avoids its Date helpers,
// which read the machine's local time zone.
const HOLIDAYS = holiday_jp.holidays as Readonly<Record<string, { name: string } | undefined>>;

/** A sanity bound for walking back over closed days (a misconfigured calendar must not loop forever). */
const MAX_CLOSED_RUN = 60;

function weekday(day: string): number {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a calendar day: ${day}`);
  return d.weekday; // 1 = Monday … 7 = Sunday
}

/** The Japanese public holiday on `day` (e.g. '憲法記念日', 'こどもの日 振替休日'), or undefined. */
export function holidayName(day: string): string | undefined {
  weekday(day);
  return HOLIDAYS[day]?.name;
}

/** Why the office is closed on `day` ('憲法記念日', '年末年始休業', '土曜日', '日曜日'), or undefined on a business day. */
export function closedReason(day: string, cal: OfficeCalendar): string | undefined {
  const wd = weekday(day);
  const holiday = HOLIDAYS[day]?.name;
  if (holiday) return holiday;
  if (cal.closedDays.includes(day.slice(5))) return '年末年始休業';
  if (wd === 6) return '土曜日';
  if (wd === 7) return '日曜日';
  return undefined;
}

export function isBusinessDay(day: string, cal: OfficeCalendar): boolean {
  return closedReason(day, cal) === undefined;
}

/** `day` itself when it is a business day, else the closest earlier business day. */
export function onOrBeforeBusinessDay(day: string, cal: OfficeCalendar): string {
  let d = day;
  for (let i = 0; i <= MAX_CLOSED_RUN; i++) {
    if (isBusinessDay(d, cal)) return d;
    d = addDays(d, -1);
  }
  throw new RangeError(`no business day within ${MAX_CLOSED_RUN} days before ${day}`);
}

/** The closest business day strictly before `day`. */
export function businessDayBefore(day: string, cal: OfficeCalendar): string {
  weekday(day);
  return onOrBeforeBusinessDay(addDays(day, -1), cal);
}

/**
 * A computed day moved to the previous business day when the office is closed, with a reason for staff.
 * Deadlines move earlier, never later, so a legal "at least every N months" is still met.
 */
export function shiftToBusinessDay(day: string, cal: OfficeCalendar): { day: string; shiftedFrom?: string; reason?: string } {
  const why = closedReason(day, cal);
  if (why === undefined) return { day };
  return { day: onOrBeforeBusinessDay(day, cal), shiftedFrom: day, reason: `${formatDay(day)}（${why}）は休業日のため、前の営業日に移動` };
}

/** `day` plus `months` calendar months; a month end clamps (2026-08-31 + 6 months = 2027-02-28). */
export function addMonths(day: string, months: number): string {
  weekday(day);
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ months }).toISODate() as string;
}
