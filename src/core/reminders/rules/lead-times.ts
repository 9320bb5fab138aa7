import { DateTime } from 'luxon';
import { addDays } from '../../../lib/dates.js';
import { businessDayBefore, shiftToBusinessDay, type OfficeCalendar } from './calendar.js';

export type ReminderKind = 'visit' | 'monitoring' | 'milestone' | 'task';

type Time = { hour: number; minute: number };

/** When staff are pinged before a due date, per kind of reminder. Configurable per office. */
export interface LeadTimeConfig {
  /** The office's opening time: pings moved off a closed day, and day-based pings, fire then. */
  officeStart: Time;
  visit: { dayBeforeAt: Time; hoursBefore: number };
  monitoring: { daysBefore: number[] };
  milestone: { daysBefore: number[] };
  task: { daysBefore: number[] };
}

export const DEFAULT_LEAD_TIMES: LeadTimeConfig = {
  officeStart: { hour: 9, minute: 0 },
  // A home or workplace visit: the evening before (to prepare) and an hour before (to leave on time).
  visit: { dayBeforeAt: { hour: 17, minute: 0 }, hoursBefore: 1 },
  // A plan review needs an appointment with the person two weeks ahead, and the draft a few days ahead.
  monitoring: { daysBefore: [14, 3] },
  milestone: { daysBefore: [7, 0] },
  task: { daysBefore: [0] },
};

export interface PlannedPing {
  /** Short Japanese label shown to staff: '前営業日 17:00', '1時間前', '14日前', '当日'. */
  label: string;
  fireAt: Date;
  /** The closed day the ping was computed for, when it was moved to the previous business day. */
  shiftedFrom?: string;
  reason?: string;
}

const hhmm = (t: Time): string => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

const at = (day: string, t: Time, zone: string): DateTime => DateTime.fromISO(day, { zone }).set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });

/**
 * The pings for one reminder, sorted by time, one per instant. The due date and time themselves are kept
 * as typed; only a computed ping that falls on a weekend, public holiday or closed day moves, to the
 * previous business day at the office's start time.
 */
export function pingTimes(
  r: { kind: ReminderKind; dueDay: string; dueTime: Time | null },
  cfg: LeadTimeConfig,
  cal: OfficeCalendar,
  zone: string,
): PlannedPing[] {
  const wanted: { label: string; when: DateTime }[] = [];
  if (r.kind === 'visit') {
    wanted.push({ label: `前営業日 ${hhmm(cfg.visit.dayBeforeAt)}`, when: at(businessDayBefore(r.dueDay, cal), cfg.visit.dayBeforeAt, zone) });
    if (r.dueTime) {
      const h = cfg.visit.hoursBefore;
      wanted.push({ label: `${h}時間前`, when: at(r.dueDay, r.dueTime, zone).minus({ hours: h }) });
    } else {
      wanted.push({ label: '当日', when: at(r.dueDay, cfg.officeStart, zone) });
    }
  } else {
    for (const n of cfg[r.kind].daysBefore) {
      const time = n === 0 ? (r.dueTime ?? cfg.officeStart) : cfg.officeStart;
      wanted.push({ label: n === 0 ? '当日' : `${n}日前`, when: at(addDays(r.dueDay, -n), time, zone) });
    }
  }

  const pings = wanted.map(({ label, when: t }): PlannedPing => {
    const moved = shiftToBusinessDay(t.toISODate() as string, cal);
    if (!moved.shiftedFrom) return { label, fireAt: t.toJSDate() };
    return { label, fireAt: at(moved.day, cfg.officeStart, zone).toJSDate(), shiftedFrom: moved.shiftedFrom, reason: moved.reason };
  });
  pings.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime()); // stable: config order wins on a tie
  return pings.filter((p, i) => i === 0 || p.fireAt.getTime() !== pings[i - 1]!.fireAt.getTime());
}

/** The pings still ahead of `now`. */
export function dropPast(pings: readonly PlannedPing[], now: Date): PlannedPing[] {
  return pings.filter((p) => p.fireAt.getTime() > now.getTime());
}
