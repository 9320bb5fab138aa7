import { DateTime } from 'luxon';
import { addDays, zonedInstant } from '../../lib/dates.js';
import { holidayName, type OfficeCalendar } from '../reminders/rules/calendar.js';
import type { OfficeHours, TimeRange } from './hours.js';

/**
 * Whether the office is open at an instant, and when it opens next ("staff will read it from …").
 *
 * The office is open when the weekly hours (OFFICE_HOURS) have a range for the local weekday and time,
 * and the day is not closed by the calendar the reminders use: a Japanese public holiday
 * (@holiday-jp/holiday_jp, with 振替休日 and 国民の休日) or one of the office's closed days
 * (OFFICE_CLOSED_DAYS, 年末年始 by default). Weekends are not closed by the calendar here: the weekly
 * hours say which weekdays open (an office open on Saturday mornings writes `sat 09:00-12:00`).
 *
 * Both functions work on instants made from the local day and wall-clock times in `timeZone`, so they
 * agree with each other everywhere, also across a daylight-saving change in zones that have one.
 */

/** How far ahead `nextOpening` looks before it gives up (a calendar that closes every day). */
const SEARCH_DAYS = 400;

/** Whether the calendar closes `day` (YYYY-MM-DD): a public holiday or one of the office's closed days. */
export function closedByCalendar(day: string, calendar: OfficeCalendar): boolean {
  return holidayName(day) !== undefined || calendar.closedDays.includes(day.slice(5));
}

/** The instants the office is open on the local `day`, in order. */
function openIntervals(day: string, hours: OfficeHours, calendar: OfficeCalendar, timeZone: string): Array<{ from: Date; to: Date }> {
  if (closedByCalendar(day, calendar)) return [];
  const weekday = DateTime.fromISO(day, { zone: timeZone }).weekday;
  const ranges: readonly TimeRange[] = hours.byWeekday[weekday - 1] ?? [];
  return ranges.map((r) => ({ from: wallClock(day, r.start, timeZone), to: wallClock(day, r.end, timeZone) }));
}

/** The instant of `minutes` after midnight on the local `day`; 1440 is the next day's midnight. */
function wallClock(day: string, minutes: number, timeZone: string): Date {
  if (minutes >= 24 * 60) return zonedInstant(addDays(day, 1), { hour: 0, minute: 0 }, timeZone);
  return zonedInstant(day, { hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
}

function localDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() as string;
}

export function isWithinOfficeHours(at: Date, hours: OfficeHours, calendar: OfficeCalendar, timeZone: string): boolean {
  const t = at.getTime();
  return openIntervals(localDay(at, timeZone), hours, calendar, timeZone).some((i) => i.from.getTime() <= t && t < i.to.getTime());
}

/**
 * The earliest instant at or after `at` when the office is open: `at` itself during office hours,
 * else the start of the next opening. Undefined when the calendar closes every day for over a year.
 */
export function nextOpening(at: Date, hours: OfficeHours, calendar: OfficeCalendar, timeZone: string): Date | undefined {
  const t = at.getTime();
  let day = localDay(at, timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++, day = addDays(day, 1)) {
    for (const interval of openIntervals(day, hours, calendar, timeZone)) {
      if (t < interval.to.getTime()) return interval.from.getTime() > t ? interval.from : at;
    }
  }
  return undefined;
}

/** An instant's local date and time, as the texts that name an opening need them. */
export interface LocalTime {
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const t = DateTime.fromJSDate(at, { zone: timeZone });
  return { month: t.month, day: t.day, weekday: t.weekday, hour: t.hour, minute: t.minute };
}
