import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSED_DAYS } from '../../../../src/core/reminders/rules/calendar.js';
import { DEFAULT_LEAD_TIMES, dropPast, pingTimes, type LeadTimeConfig, type PlannedPing } from '../../../../src/core/reminders/rules/lead-times.js';

const cal = { closedDays: DEFAULT_CLOSED_DAYS };
const TOKYO = 'Asia/Tokyo';

/** Pings as plain values, instants in ISO (UTC): 09:00 JST = 00:00Z, 17:00 JST = 08:00Z. */
const plain = (pings: PlannedPing[]) => pings.map((p) => ({ ...p, fireAt: p.fireAt.toISOString() }));

describe('default lead times', () => {
  it('are the documented defaults', () => {
    expect(DEFAULT_LEAD_TIMES).toEqual({
      officeStart: { hour: 9, minute: 0 },
      visit: { dayBeforeAt: { hour: 17, minute: 0 }, hoursBefore: 1 },
      monitoring: { daysBefore: [14, 3] },
      milestone: { daysBefore: [7, 0] },
      task: { daysBefore: [0] },
    });
  });
});

describe('visit pings', () => {
  it('the day after Golden Week: the previous business day is Friday 4/30', () => {
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-06', dueTime: { hour: 14, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '前営業日 17:00', fireAt: '2027-04-30T08:00:00.000Z' },
      { label: '1時間前', fireAt: '2027-05-06T04:00:00.000Z' },
    ]);
  });

  it('the first business day of the year: the evening before is 12/28', () => {
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-01-04', dueTime: { hour: 10, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '前営業日 17:00', fireAt: '2026-12-28T08:00:00.000Z' },
      { label: '1時間前', fireAt: '2027-01-04T00:00:00.000Z' },
    ]);
  });

  it('a Saturday visit keeps its day; the hour-before ping moves to Friday 09:00', () => {
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-08', dueTime: { hour: 10, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      {
        label: '1時間前',
        fireAt: '2027-05-07T00:00:00.000Z',
        shiftedFrom: '2027-05-08',
        reason: '2027/05/08（土曜日）は休業日のため、前の営業日に移動',
      },
      { label: '前営業日 17:00', fireAt: '2027-05-07T08:00:00.000Z' },
    ]);
  });

  it('an hour before a just-after-midnight Monday visit is Sunday night, moved to Friday', () => {
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-10', dueTime: { hour: 0, minute: 30 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      {
        label: '1時間前',
        fireAt: '2027-05-07T00:00:00.000Z',
        shiftedFrom: '2027-05-09',
        reason: '2027/05/09（日曜日）は休業日のため、前の営業日に移動',
      },
      { label: '前営業日 17:00', fireAt: '2027-05-07T08:00:00.000Z' },
    ]);
  });

  it('a visit without a time pings at office start on the day', () => {
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-11', dueTime: null }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '前営業日 17:00', fireAt: '2027-05-10T08:00:00.000Z' },
      { label: '当日', fireAt: '2027-05-11T00:00:00.000Z' },
    ]);
  });

  it('follows a custom configuration', () => {
    const cfg: LeadTimeConfig = {
      ...DEFAULT_LEAD_TIMES,
      officeStart: { hour: 8, minute: 30 },
      visit: { dayBeforeAt: { hour: 18, minute: 5 }, hoursBefore: 2 },
    };
    const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-11', dueTime: { hour: 15, minute: 0 } }, cfg, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '前営業日 18:05', fireAt: '2027-05-10T09:05:00.000Z' },
      { label: '2時間前', fireAt: '2027-05-11T04:00:00.000Z' },
    ]);
    // Moved pings use the custom office start.
    const sat = pingTimes({ kind: 'visit', dueDay: '2027-05-08', dueTime: { hour: 10, minute: 0 } }, cfg, cal, TOKYO);
    expect(sat[0]!.fireAt.toISOString()).toBe('2027-05-06T23:30:00.000Z');
  });
});

describe('day-based pings', () => {
  it('monitoring 14 days before Golden Week’s 5/3 moves to Friday 4/30 09:00', () => {
    const pings = pingTimes({ kind: 'monitoring', dueDay: '2027-05-17', dueTime: null }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      {
        label: '14日前',
        fireAt: '2027-04-30T00:00:00.000Z',
        shiftedFrom: '2027-05-03',
        reason: '2027/05/03（憲法記念日）は休業日のため、前の営業日に移動',
      },
      { label: '3日前', fireAt: '2027-05-14T00:00:00.000Z' },
    ]);
  });

  it('monitoring on plain weekdays', () => {
    const pings = pingTimes({ kind: 'monitoring', dueDay: '2027-05-20', dueTime: { hour: 13, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '14日前', fireAt: '2027-05-06T00:00:00.000Z' },
      { label: '3日前', fireAt: '2027-05-17T00:00:00.000Z' },
    ]);
  });

  it('a milestone 7 days before landing on a Sunday moves to Friday', () => {
    const pings = pingTimes({ kind: 'milestone', dueDay: '2027-05-23', dueTime: null }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      {
        label: '7日前',
        fireAt: '2027-05-14T00:00:00.000Z',
        shiftedFrom: '2027-05-16',
        reason: '2027/05/16（日曜日）は休業日のため、前の営業日に移動',
      },
      {
        label: '当日',
        fireAt: '2027-05-21T00:00:00.000Z',
        shiftedFrom: '2027-05-23',
        reason: '2027/05/23（日曜日）は休業日のため、前の営業日に移動',
      },
    ]);
  });

  it('a milestone on a Tuesday', () => {
    const pings = pingTimes({ kind: 'milestone', dueDay: '2027-06-01', dueTime: null }, DEFAULT_LEAD_TIMES, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      { label: '7日前', fireAt: '2027-05-25T00:00:00.000Z' },
      { label: '当日', fireAt: '2027-06-01T00:00:00.000Z' },
    ]);
  });

  it('a task pings on the day, at its time when given', () => {
    expect(plain(pingTimes({ kind: 'task', dueDay: '2027-05-12', dueTime: null }, DEFAULT_LEAD_TIMES, cal, TOKYO))).toStrictEqual([
      { label: '当日', fireAt: '2027-05-12T00:00:00.000Z' },
    ]);
    expect(plain(pingTimes({ kind: 'task', dueDay: '2027-05-12', dueTime: { hour: 14, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO))).toStrictEqual([
      { label: '当日', fireAt: '2027-05-12T05:00:00.000Z' },
    ]);
  });

  it('a task typed for the year-end closure pings on the last business day of the year', () => {
    expect(plain(pingTimes({ kind: 'task', dueDay: '2027-01-02', dueTime: { hour: 14, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO))).toStrictEqual([
      {
        label: '当日',
        fireAt: '2026-12-28T00:00:00.000Z',
        shiftedFrom: '2027-01-02',
        reason: '2027/01/02（年末年始休業）は休業日のため、前の営業日に移動',
      },
    ]);
  });

  it('pings that land on the same instant are kept once (the first configured)', () => {
    const cfg: LeadTimeConfig = { ...DEFAULT_LEAD_TIMES, task: { daysBefore: [2, 1] } };
    const pings = pingTimes({ kind: 'task', dueDay: '2027-05-10', dueTime: null }, cfg, cal, TOKYO);
    expect(plain(pings)).toStrictEqual([
      {
        label: '2日前',
        fireAt: '2027-05-07T00:00:00.000Z',
        shiftedFrom: '2027-05-08',
        reason: '2027/05/08（土曜日）は休業日のため、前の営業日に移動',
      },
    ]);
  });

  it('uses the office time zone it is given', () => {
    const pings = pingTimes({ kind: 'task', dueDay: '2027-05-12', dueTime: null }, DEFAULT_LEAD_TIMES, cal, 'UTC');
    expect(pings[0]!.fireAt.toISOString()).toBe('2027-05-12T09:00:00.000Z');
  });
});

describe('dropPast', () => {
  const pings = pingTimes({ kind: 'visit', dueDay: '2027-05-06', dueTime: { hour: 14, minute: 0 } }, DEFAULT_LEAD_TIMES, cal, TOKYO);

  it('keeps only pings strictly after now', () => {
    expect(dropPast(pings, new Date('2027-04-20T00:00:00Z')).map((p) => p.label)).toEqual(['前営業日 17:00', '1時間前']);
    expect(dropPast(pings, new Date('2027-05-01T00:00:00Z')).map((p) => p.label)).toEqual(['1時間前']);
    expect(dropPast(pings, new Date('2027-04-30T08:00:00.000Z')).map((p) => p.label)).toEqual(['1時間前']);
    expect(dropPast(pings, new Date('2027-05-06T04:00:00.000Z'))).toEqual([]);
  });
});
