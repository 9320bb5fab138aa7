import { describe, expect, it } from 'vitest';
import { closedByCalendar, isWithinOfficeHours, localTime, nextOpening, parseOfficeHours } from '../../../../src/core/office/index.js';
import { DEFAULT_CLOSED_DAYS } from '../../../../src/core/reminders/rules/calendar.js';

const TOKYO = 'Asia/Tokyo';
const calendar = { closedDays: DEFAULT_CLOSED_DAYS };
const hours = parseOfficeHours('mon-fri 09:00-18:00, sat 09:00-12:00');

/** An instant written in Tokyo time (no daylight saving: always +09:00). */
const jst = (local: string) => new Date(`${local}+09:00`);
const open = (at: Date, h = hours, cal = calendar, zone = TOKYO) => isWithinOfficeHours(at, h, cal, zone);
const next = (at: Date, h = hours, cal = calendar, zone = TOKYO) => nextOpening(at, h, cal, zone)?.toISOString();

describe('isWithinOfficeHours and nextOpening in Tokyo', () => {
  it('a weekday: open from 9:00 (included) to 18:00 (excluded)', () => {
    // 2026-05-07 is a Thursday, the first business day after Golden Week.
    expect(open(jst('2026-05-07T08:59:59.999'))).toBe(false);
    expect(open(jst('2026-05-07T09:00:00'))).toBe(true);
    expect(open(jst('2026-05-07T13:30:00'))).toBe(true);
    expect(open(jst('2026-05-07T17:59:59.999'))).toBe(true);
    expect(open(jst('2026-05-07T18:00:00'))).toBe(false);
    expect(open(jst('2026-05-07T23:00:00'))).toBe(false);
  });

  it('the next opening: the moment itself in hours, else the next range', () => {
    const inHours = jst('2026-05-07T10:00:00');
    expect(nextOpening(inHours, hours, calendar, TOKYO)).toBe(inHours);
    expect(next(jst('2026-05-07T07:30:00'))).toBe(jst('2026-05-07T09:00:00').toISOString());
    expect(next(jst('2026-05-07T18:00:00'))).toBe(jst('2026-05-08T09:00:00').toISOString());
    expect(next(jst('2026-05-07T23:00:00'))).toBe(jst('2026-05-08T09:00:00').toISOString());
  });

  it('Saturday morning is open; Saturday afternoon and Sunday wait for Monday', () => {
    expect(next(jst('2026-05-08T23:00:00'))).toBe(jst('2026-05-09T09:00:00').toISOString()); // Friday night → Saturday 9:00
    expect(open(jst('2026-05-09T11:59:00'))).toBe(true);
    expect(open(jst('2026-05-09T12:00:00'))).toBe(false);
    expect(next(jst('2026-05-09T12:00:00'))).toBe(jst('2026-05-11T09:00:00').toISOString());
    expect(next(jst('2026-05-10T15:00:00'))).toBe(jst('2026-05-11T09:00:00').toISOString());
    // With the default hours (no Saturday), Friday night waits for Monday.
    expect(next(jst('2026-05-08T23:00:00'), parseOfficeHours('mon-fri 09:00-18:00'))).toBe(jst('2026-05-11T09:00:00').toISOString());
  });

  it('public holidays are closed, Golden Week and its substitute holiday included', () => {
    expect(open(jst('2026-05-04T10:00:00'))).toBe(false); // みどりの日 (Monday)
    expect(open(jst('2026-05-06T10:00:00'))).toBe(false); // こどもの日 振替休日 (Wednesday)
    expect(open(jst('2026-09-22T10:00:00'))).toBe(false); // 国民の休日 (Tuesday between two holidays)
    expect(next(jst('2026-05-02T12:30:00'))).toBe(jst('2026-05-07T09:00:00').toISOString());
    // A holiday that falls on an open Saturday closes it too (2028-04-29 is 昭和の日, a Saturday).
    expect(open(jst('2028-04-29T10:00:00'))).toBe(false);
    expect(open(jst('2028-04-22T10:00:00'))).toBe(true);
  });

  it('年末年始: the closed days of OFFICE_CLOSED_DAYS, then 元日, then the weekend', () => {
    expect(open(jst('2026-12-28T17:00:00'))).toBe(true);
    expect(open(jst('2026-12-29T10:00:00'))).toBe(false);
    expect(open(jst('2027-01-02T10:00:00'))).toBe(false); // a Saturday, open by the weekly hours, closed by the calendar
    expect(next(jst('2026-12-28T18:00:00'))).toBe(jst('2027-01-04T09:00:00').toISOString());
    // An office that works through the year end.
    expect(open(jst('2026-12-29T10:00:00'), hours, { closedDays: [] })).toBe(true);
    expect(closedByCalendar('2026-12-29', calendar)).toBe(true);
    expect(closedByCalendar('2026-05-09', calendar)).toBe(false); // a Saturday: the weekly hours decide
  });

  it('several ranges a day, and a night written as two days', () => {
    const lunch = parseOfficeHours('mon-fri 09:00-12:00 13:00-18:00');
    expect(open(jst('2026-05-07T12:30:00'), lunch)).toBe(false);
    expect(next(jst('2026-05-07T12:30:00'), lunch)).toBe(jst('2026-05-07T13:00:00').toISOString());
    const night = parseOfficeHours('fri 22:00-24:00, sat 00:00-06:00');
    expect(open(jst('2026-05-08T23:30:00'), night)).toBe(true);
    expect(open(jst('2026-05-09T05:59:00'), night)).toBe(true);
    expect(open(jst('2026-05-09T06:00:00'), night)).toBe(false);
    expect(next(jst('2026-05-08T21:00:00'), night)).toBe(jst('2026-05-08T22:00:00').toISOString());
  });

  it('gives up (undefined) when the calendar closes every day', () => {
    const everyDay: string[] = [];
    for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) everyDay.push(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    expect(nextOpening(jst('2026-05-07T10:00:00'), hours, { closedDays: everyDay }, TOKYO)).toBeUndefined();
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(open(jst('2026-05-07T09:00:00'))).toBe(true);
        expect(open(jst('2026-05-06T10:00:00'))).toBe(false);
        expect(next(jst('2026-05-07T23:00:00'))).toBe(jst('2026-05-08T09:00:00').toISOString());
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('names the opening in local parts for the texts', () => {
    expect(localTime(jst('2026-05-07T09:00:00'), TOKYO)).toEqual({ month: 5, day: 7, weekday: 4, hour: 9, minute: 0 });
  });
});

describe('another time zone, across a daylight-saving change', () => {
  const NY = 'America/New_York';
  const weekdays = parseOfficeHours('mon-fri 09:00-17:00');
  // 2026-03-08 (Sunday) clocks go forward: 9:00 is 14:00 UTC on Friday 6 March and 13:00 UTC on Monday 9 March.

  it('opens at 9:00 local time on both sides of the change', () => {
    expect(next(new Date('2026-03-06T22:00:00Z'), weekdays, calendar, NY)).toBe('2026-03-09T13:00:00.000Z');
    expect(open(new Date('2026-03-06T14:00:00Z'), weekdays, calendar, NY)).toBe(true);
    expect(open(new Date('2026-03-06T13:59:00Z'), weekdays, calendar, NY)).toBe(false);
    expect(open(new Date('2026-03-09T12:59:00Z'), weekdays, calendar, NY)).toBe(false);
    expect(open(new Date('2026-03-09T13:00:00Z'), weekdays, calendar, NY)).toBe(true);
    expect(open(new Date('2026-03-09T20:59:00Z'), weekdays, calendar, NY)).toBe(true);
    expect(open(new Date('2026-03-09T21:00:00Z'), weekdays, calendar, NY)).toBe(false);
  });

  it('takes the local day of the zone, not of Tokyo', () => {
    // Monday 9 March 20:30 in New York is already Tuesday 10:30 in Tokyo.
    expect(open(new Date('2026-03-10T00:30:00Z'), weekdays, calendar, NY)).toBe(false);
    expect(open(new Date('2026-03-10T00:30:00Z'), weekdays, calendar, TOKYO)).toBe(true);
  });
});
