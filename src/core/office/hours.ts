import { AppError } from '../../lib/errors.js';

/**
 * The office's weekly opening hours (OFFICE_HOURS), as the office writes them:
 *
 *   mon-fri 09:00-18:00                      the default
 *   mon-fri 09:00-18:00, sat 09:00-12:00     several days
 *   mon-fri 09:00-12:00 13:00-18:00          several ranges a day (a lunch break)
 *   mon, wed, fri 10:00-15:00                a list of days
 *   月-金 9:00-18:00、土 9:00-12:00           Japanese day names (月 火 水 木 金 土 日, also 月曜 / 月曜日), 、 and 〜
 *   fri 22:00-24:00, sat 00:00-06:00         a night: a range never crosses midnight, so split it at 24:00
 *
 * Public holidays and the office's closed days (OFFICE_CLOSED_DAYS) close the office whatever the
 * weekly hours say (see schedule.ts). Times are wall-clock times in the office's time zone (TZ_NAME).
 */

/** A range of the day in minutes after midnight: open from `start` (included) to `end` (excluded, at most 1440). */
export interface TimeRange {
  start: number;
  end: number;
}

/** Luxon's weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OfficeHours {
  /** The ranges of each weekday, sorted by start; index 0 is Monday. An empty list: closed that day. */
  byWeekday: readonly (readonly TimeRange[])[];
}

export const DEFAULT_OFFICE_HOURS = 'mon-fri 09:00-18:00';

export const OFFICE_HOURS_HELP =
  'Write days and times like "mon-fri 09:00-18:00, sat 09:00-12:00": days mon tue wed thu fri sat sun (or 月 火 水 木 金 土 日), ' +
  'a day range with -, several ranges a day separated by spaces ("mon-fri 09:00-12:00 13:00-18:00"); ' +
  'a range may not cross midnight, so write a night as "fri 22:00-24:00, sat 00:00-06:00".';

export class OfficeHoursError extends AppError {
  constructor(readonly problem: string) {
    super('office_hours_invalid', `${problem}. ${OFFICE_HOURS_HELP}`);
  }
}

const DAY_WORDS: ReadonlyArray<readonly [Weekday, readonly string[]]> = [
  [1, ['mon', 'monday', '月']],
  [2, ['tue', 'tues', 'tuesday', '火']],
  [3, ['wed', 'wednesday', '水']],
  [4, ['thu', 'thur', 'thurs', 'thursday', '木']],
  [5, ['fri', 'friday', '金']],
  [6, ['sat', 'saturday', '土']],
  [7, ['sun', 'sunday', '日']],
];

const DAY_BY_WORD = new Map<string, Weekday>(DAY_WORDS.flatMap(([day, words]) => words.map((w) => [w, day] as const)));
// Longest words first, so that "tues" wins over "tue" and 月曜日 over 月.
const DAY_PATTERN = [...DAY_BY_WORD.keys()].sort((a, b) => b.length - a.length).join('|');
const DAY_TOKEN = new RegExp(`^(${DAY_PATTERN})(?:曜日|曜)?(?:-(${DAY_PATTERN})(?:曜日|曜)?)?$`);
/** Japanese days run together: 月水金, 土日. */
const JAPANESE_DAYS = /^[月火水木金土日]{2,}$/;
const TIME = '(\\d{1,2}):(\\d{2})';
const RANGE_TOKEN = new RegExp(`^${TIME}-${TIME}$`);

/** Parses OFFICE_HOURS; throws OfficeHoursError saying what is wrong and how to write it. */
export function parseOfficeHours(input: string): OfficeHours {
  const text = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[~〜–—－−‐]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/[、;・/]/g, ',')
    .replace(/([a-z月火水木金土日曜])(\d)/g, '$1 $2') // 月-金9:00-18:00, mon-fri9:00-18:00
    .trim();
  if (text === '') throw new OfficeHoursError('OFFICE_HOURS is empty');

  const byWeekday: TimeRange[][] = [[], [], [], [], [], [], []];
  let pendingDays: Weekday[] = []; // days written before their ranges ("mon, wed, fri 10:00-15:00")
  let lastDays: Weekday[] | undefined; // the days the latest ranges went to ("mon-fri 09:00-12:00, 13:00-18:00")

  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const days: Weekday[] = [];
    const ranges: TimeRange[] = [];
    for (const token of part.split(/\s+/)) {
      const dayMatch = DAY_TOKEN.exec(token);
      if (dayMatch || JAPANESE_DAYS.test(token)) {
        if (ranges.length > 0) throw new OfficeHoursError(`in "${part}", the days "${token}" come after a time range; write the days first`);
        days.push(...(dayMatch ? dayRange(dayMatch[1] as string, dayMatch[2]) : [...token].map((ch) => DAY_BY_WORD.get(ch) as Weekday)));
        continue;
      }
      const rangeMatch = RANGE_TOKEN.exec(token);
      if (rangeMatch) {
        ranges.push(timeRange(token, rangeMatch));
        continue;
      }
      throw new OfficeHoursError(`cannot read "${token}" in "${input.trim()}"`);
    }
    if (ranges.length === 0) {
      pendingDays.push(...days);
      continue;
    }
    let target: Weekday[];
    if (days.length > 0 || pendingDays.length > 0) {
      target = [...pendingDays, ...days];
      pendingDays = [];
    } else if (lastDays) {
      target = lastDays;
    } else {
      throw new OfficeHoursError(`the time range "${part}" has no days before it`);
    }
    for (const day of target) byWeekday[day - 1]?.push(...ranges);
    lastDays = target;
  }
  if (pendingDays.length > 0) throw new OfficeHoursError(`no time range follows the days at the end of "${input.trim()}"`);
  if (byWeekday.every((ranges) => ranges.length === 0)) throw new OfficeHoursError(`"${input.trim()}" opens on no day`);
  for (const ranges of byWeekday) ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return { byWeekday };
}

function dayRange(fromWord: string, toWord: string | undefined): Weekday[] {
  const from = DAY_BY_WORD.get(fromWord) as Weekday;
  if (toWord === undefined) return [from];
  const to = DAY_BY_WORD.get(toWord) as Weekday;
  // A range may wrap past Sunday: fri-mon is Friday, Saturday, Sunday, Monday.
  const days: Weekday[] = [];
  for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
    days.push(d);
    if (d === to) return days;
  }
}

function timeRange(token: string, m: RegExpExecArray): TimeRange {
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (sh > 23 || sm > 59) throw new OfficeHoursError(`"${token}" does not start at a time of day (00:00 to 23:59)`);
  if (eh > 24 || em > 59 || (eh === 24 && em !== 0)) throw new OfficeHoursError(`"${token}" does not end at a time of day (00:00 to 24:00)`);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (end === start) throw new OfficeHoursError(`"${token}" is empty (it ends when it starts)`);
  if (end < start) throw new OfficeHoursError(`"${token}" crosses midnight; split it at 24:00 into two days' ranges`);
  return { start, end };
}

/** `09:00-18:00` */
export function formatRange(range: TimeRange): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(range.start)}-${hhmm(range.end)}`;
}
