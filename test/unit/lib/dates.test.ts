import { describe, expect, it } from 'vitest';
import { addDays, formatDateTime, localParts, parseDateWord, parseTimeWord, startOfDay, todayIn, zonedInstant } from '../../../src/lib/dates.js';

const TOKYO = 'Asia/Tokyo';
// 2026-11-25 09:00 in Tokyo (00:00 UTC).
const now = new Date('2026-11-25T00:00:00Z');

describe('dates as staff type them, in the office time zone', () => {
  it('reads full dates in the contract forms', () => {
    expect(parseDateWord('2026-12-10', now, TOKYO)).toBe('2026-12-10');
    expect(parseDateWord('2026/12/1', now, TOKYO)).toBe('2026-12-01');
    expect(parseDateWord('２０２６年１２月１０日', now, TOKYO)).toBe('2026-12-10');
  });

  it('reads month/day, choosing the year by preference', () => {
    expect(parseDateWord('12/10', now, TOKYO)).toBe('2026-12-10');
    expect(parseDateWord('12月10日', now, TOKYO)).toBe('2026-12-10');
    expect(parseDateWord('1/5', now, TOKYO, 'future')).toBe('2027-01-05');
    expect(parseDateWord('12/10', now, TOKYO, 'past')).toBe('2025-12-10');
    expect(parseDateWord('11/1', now, TOKYO, 'past')).toBe('2026-11-01');
  });

  it('reads relative words and refuses impossible dates', () => {
    expect(parseDateWord('今日', now, TOKYO)).toBe('2026-11-25');
    expect(parseDateWord('明日', now, TOKYO)).toBe('2026-11-26');
    expect(parseDateWord('2/30', now, TOKYO)).toBeUndefined();
    expect(parseDateWord('2027-02-29', now, TOKYO)).toBeUndefined();
    expect(parseDateWord('来週', now, TOKYO)).toBeUndefined();
  });

  it('uses the office day, not UTC: 23:30 UTC is already tomorrow in Tokyo', () => {
    expect(todayIn(new Date('2026-11-25T23:30:00Z'), TOKYO)).toBe('2026-11-26');
    expect(todayIn(new Date('2026-11-25T23:30:00Z'), 'UTC')).toBe('2026-11-25');
  });

  it('reads times', () => {
    expect(parseTimeWord('14:00')).toEqual({ hour: 14, minute: 0 });
    expect(parseTimeWord('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeWord('14時')).toEqual({ hour: 14, minute: 0 });
    expect(parseTimeWord('14時30分')).toEqual({ hour: 14, minute: 30 });
    expect(parseTimeWord('午後2時半')).toEqual({ hour: 14, minute: 30 });
    expect(parseTimeWord('２５時')).toBeUndefined();
    expect(parseTimeWord('夕方')).toBeUndefined();
  });

  it('turns a local day and time into the instant, and back', () => {
    const at = zonedInstant('2026-11-20', { hour: 14, minute: 30 }, TOKYO);
    expect(at.toISOString()).toBe('2026-11-20T05:30:00.000Z');
    expect(localParts(at, TOKYO)).toEqual({ day: '2026-11-20', time: '14:30' });
    expect(formatDateTime(at, TOKYO)).toBe('2026/11/20 14:30');
    expect(startOfDay('2026-11-20', TOKYO).toISOString()).toBe('2026-11-19T15:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
