import { DateTime } from 'luxon';

/**
 * Dates and times as staff type them (OVERVIEW: `2026-12-10`, `12/10`, `12月10日`; `14:00`, `14時`),
 * read in the office's time zone. Calendar days are ISO strings (`2026-12-10`); instants are Dates.
 */

export type DatePreference = 'past' | 'future' | 'nearest';

/** Today's calendar day in `zone`. */
export function todayIn(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() as string;
}

/**
 * A calendar day from what a staff member typed, or undefined. A day without a year is this year's,
 * or the next/previous year's when `prefer` says the day is ahead of or behind `now`.
 */
export function parseDateWord(input: string, now: Date, zone: string, prefer: DatePreference = 'nearest'): string | undefined {
  const s = input.normalize('NFKC').trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const relative: Record<string, number> = { 今日: 0, 本日: 0, today: 0, 明日: 1, tomorrow: 1, 明後日: 2, 昨日: -1, yesterday: -1 };
  if (s in relative) return today.plus({ days: relative[s] }).toISODate() as string;

  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]), zone);
  m = /^(\d{1,2})[/月](\d{1,2})日?$/.exec(s);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const thisYear = valid(today.year, month, day, zone);
  if (!thisYear) return undefined;
  const candidate = DateTime.fromISO(thisYear, { zone });
  if (prefer === 'future' && candidate < today) return valid(today.year + 1, month, day, zone);
  if (prefer === 'past' && candidate > today) return valid(today.year - 1, month, day, zone);
  return thisYear;
}

function valid(year: number, month: number, day: number, zone: string): string | undefined {
  const d = DateTime.fromObject({ year, month, day }, { zone });
  return d.isValid && d.month === month && d.day === day ? (d.toISODate() as string) : undefined;
}

/** `14:00`, `9:30`, `14時`, `14時30分`, `午後2時` → { hour, minute }, or undefined. */
export function parseTimeWord(input: string): { hour: number; minute: number } | undefined {
  const s = input.normalize('NFKC').trim();
  let m = /^(\d{1,2}):(\d{2})$/.exec(s);
  let hour: number;
  let minute: number;
  if (m) {
    hour = Number(m[1]);
    minute = Number(m[2]);
  } else {
    m = /^(午前|午後)?(\d{1,2})時(?:(\d{1,2})分|半)?$/.exec(s);
    if (!m) return undefined;
    hour = Number(m[2]) + (m[1] === '午後' && Number(m[2]) < 12 ? 12 : 0);
    minute = s.endsWith('半') ? 30 : Number(m[3] ?? 0);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** The instant of a calendar day and time in `zone`. */
export function zonedInstant(day: string, time: { hour: number; minute: number }, zone: string): Date {
  return DateTime.fromISO(day, { zone }).set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 }).toJSDate();
}

/** The start of a calendar day in `zone`. */
export function startOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** `2026/11/25 14:00` in `zone`. */
export function formatDateTime(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat('yyyy/LL/dd HH:mm');
}

/** `2026/11/25` */
export function formatDay(day: string): string {
  return day.replaceAll('-', '/');
}

/** The local date (`YYYY-MM-DD`) and time (`HH:mm`) of an instant in `zone`, for Slack's date and time pickers. */
export function localParts(d: Date, zone: string): { day: string; time: string } {
  const t = DateTime.fromJSDate(d, { zone });
  return { day: t.toISODate() as string, time: t.toFormat('HH:mm') };
}
