import { describe, expect, it } from 'vitest';
import {
  addMonths,
  businessDayBefore,
  closedReason,
  DEFAULT_CLOSED_DAYS,
  holidayName,
  isBusinessDay,
  onOrBeforeBusinessDay,
  shiftToBusinessDay,
} from '../../../../src/core/reminders/rules/calendar.js';

const cal = { closedDays: DEFAULT_CLOSED_DAYS };

describe('Japanese public holidays', () => {
  it('names the Golden Week 2027 holidays', () => {
    expect(holidayName('2027-04-29')).toBe('昭和の日');
    expect(holidayName('2027-05-03')).toBe('憲法記念日');
    expect(holidayName('2027-05-04')).toBe('みどりの日');
    expect(holidayName('2027-05-05')).toBe('こどもの日');
    expect(holidayName('2027-04-30')).toBeUndefined();
    expect(holidayName('2027-05-06')).toBeUndefined();
  });

  it('knows New Year and substitute holidays', () => {
    expect(holidayName('2027-01-01')).toBe('元日');
    expect(holidayName('2027-01-02')).toBeUndefined();
    expect(holidayName('2027-03-21')).toBe('春分の日');
    expect(holidayName('2027-03-22')).toBe('春分の日 振替休日');
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(holidayName('2027-05-03')).toBe('憲法記念日');
        expect(holidayName('2027-05-02')).toBeUndefined();
        expect(holidayName('2027-05-06')).toBeUndefined();
        expect(closedReason('2027-05-01', cal)).toBe('土曜日');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses a string that is not a calendar day', () => {
    expect(() => holidayName('2027-02-30')).toThrow(RangeError);
    expect(() => isBusinessDay('2027/05/03', cal)).toThrow(RangeError);
    expect(() => onOrBeforeBusinessDay('', cal)).toThrow(RangeError);
  });
});

describe('office calendar', () => {
  it('gives the closing reason in Japanese', () => {
    expect(closedReason('2027-05-01', cal)).toBe('土曜日');
    expect(closedReason('2027-05-02', cal)).toBe('日曜日');
    expect(closedReason('2027-05-03', cal)).toBe('憲法記念日');
    expect(closedReason('2026-12-29', cal)).toBe('年末年始休業');
    expect(closedReason('2026-12-31', cal)).toBe('年末年始休業');
    expect(closedReason('2027-01-01', cal)).toBe('元日');
    // A holiday or the year-end closure is the more specific reason on a weekend.
    expect(closedReason('2027-03-21', cal)).toBe('春分の日');
    expect(closedReason('2027-01-02', cal)).toBe('年末年始休業');
    expect(closedReason('2027-04-30', cal)).toBeUndefined();
  });

  it('treats Golden Week 2027 as closed from Thursday 4/29 with Friday 4/30 open', () => {
    const days = ['2027-04-28', '2027-04-29', '2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05', '2027-05-06'];
    expect(days.map((d) => isBusinessDay(d, cal))).toEqual([true, false, true, false, false, false, false, false, true]);
  });

  it('closes 12/29–1/3 by default and opens on Monday 2027-01-04', () => {
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(isBusinessDay(d, cal)).toBe(false);
    }
    expect(isBusinessDay('2026-12-28', cal)).toBe(true);
    expect(isBusinessDay('2027-01-04', cal)).toBe(true);
  });

  it('uses the office’s own closed days', () => {
    const open = { closedDays: [] };
    expect(isBusinessDay('2026-12-29', open)).toBe(true);
    expect(closedReason('2027-01-01', open)).toBe('元日');
    expect(isBusinessDay('2027-08-13', { closedDays: ['08-13'] })).toBe(false);
  });

  it('finds the business day on or before a day', () => {
    expect(onOrBeforeBusinessDay('2027-05-06', cal)).toBe('2027-05-06');
    expect(onOrBeforeBusinessDay('2027-05-05', cal)).toBe('2027-04-30');
    expect(onOrBeforeBusinessDay('2027-05-01', cal)).toBe('2027-04-30');
    expect(onOrBeforeBusinessDay('2027-01-03', cal)).toBe('2026-12-28');
  });

  it('finds the business day strictly before a day', () => {
    expect(businessDayBefore('2027-05-06', cal)).toBe('2027-04-30');
    expect(businessDayBefore('2027-04-30', cal)).toBe('2027-04-28');
    expect(businessDayBefore('2027-01-04', cal)).toBe('2026-12-28');
    expect(businessDayBefore('2027-05-11', cal)).toBe('2027-05-10');
  });

  it('shifts a closed day back with a reason, and keeps a business day', () => {
    expect(shiftToBusinessDay('2027-05-03', cal)).toStrictEqual({
      day: '2027-04-30',
      shiftedFrom: '2027-05-03',
      reason: '2027/05/03（憲法記念日）は休業日のため、前の営業日に移動',
    });
    expect(shiftToBusinessDay('2027-01-02', cal)).toStrictEqual({
      day: '2026-12-28',
      shiftedFrom: '2027-01-02',
      reason: '2027/01/02（年末年始休業）は休業日のため、前の営業日に移動',
    });
    expect(shiftToBusinessDay('2027-05-06', cal)).toStrictEqual({ day: '2027-05-06' });
  });

  it('adds months, clamping month ends', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 7)).toBe('2027-03-31');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-11-20', 6)).toBe('2027-05-20');
  });
});
