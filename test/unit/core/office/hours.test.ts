import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, formatRange, OfficeHoursError, parseOfficeHours } from '../../../../src/core/office/index.js';

/** The hours per weekday, Monday first, as `09:00-18:00` strings. */
function week(input: string): string[][] {
  return parseOfficeHours(input).byWeekday.map((ranges) => ranges.map(formatRange));
}

const NINE_TO_SIX = ['09:00-18:00'];

function problem(input: string): string {
  try {
    parseOfficeHours(input);
  } catch (error) {
    if (error instanceof OfficeHoursError) return error.message;
    throw error;
  }
  throw new Error(`expected "${input}" to be refused`);
}

describe('OFFICE_HOURS', () => {
  it('defaults to Monday to Friday, 9 to 18', () => {
    expect(DEFAULT_OFFICE_HOURS).toBe('mon-fri 09:00-18:00');
    expect(week(DEFAULT_OFFICE_HOURS)).toEqual([NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, [], []]);
  });

  it('reads several days, several ranges a day and lists of days', () => {
    expect(week('mon-fri 09:00-18:00, sat 09:00-12:00')).toEqual([NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, ['09:00-12:00'], []]);
    const lunch = [['09:00-12:00', '13:00-18:00']];
    expect(week('mon-fri 09:00-12:00 13:00-18:00').slice(0, 1)).toEqual(lunch);
    expect(week('mon-fri 09:00-12:00, 13:00-18:00').slice(0, 1)).toEqual(lunch);
    expect(week('mon, wed, fri 10:00-15:00')).toEqual([['10:00-15:00'], [], ['10:00-15:00'], [], ['10:00-15:00'], [], []]);
    expect(week('Monday-Thursday 8:30-17:15')[3]).toEqual(['08:30-17:15']);
  });

  it('reads Japanese day names, 〜, 、, full-width digits and days without a space before the time', () => {
    const expected = week('mon-fri 09:00-18:00, sat 09:00-12:00');
    expect(week('月〜金 9:00〜18:00、土 9:00〜12:00')).toEqual(expected);
    expect(week('月-金9:00-18:00、土9:00-12:00')).toEqual(expected);
    expect(week('月曜日-金曜日 ０９：００－１８：００, 土曜 09:00 - 12:00')).toEqual(expected);
    expect(week('月・水・金 10:00-15:00')).toEqual(week('mon, wed, fri 10:00-15:00'));
    expect(week('土日 10:00-12:00')).toEqual([[], [], [], [], [], ['10:00-12:00'], ['10:00-12:00']]);
  });

  it('lets a day range wrap past Sunday, and a night be written as two days', () => {
    expect(week('fri-mon 10:00-12:00').map((r) => r.length)).toEqual([1, 0, 0, 0, 1, 1, 1]);
    expect(week('fri 22:00-24:00, sat 00:00-06:00')).toEqual([[], [], [], [], ['22:00-24:00'], ['00:00-06:00'], []]);
  });

  it('refuses what it cannot read, saying what is wrong and how to write it', () => {
    const cases: Array<[string, RegExp]> = [
      ['mon-fri 22:00-06:00', /"22:00-06:00" crosses midnight; split it at 24:00/],
      ['mon-fri', /no time range follows the days/],
      ['09:00-18:00', /the time range "09:00-18:00" has no days before it/],
      ['mon 25:00-26:00', /"25:00-26:00" does not start at a time of day/],
      ['mon 09:00-24:30', /does not end at a time of day/],
      ['funday 09:00-18:00', /cannot read "funday"/],
      ['mon 9-18', /cannot read "9-18"/],
      ['mon 09:00-09:00', /is empty/],
      ['09:00-18:00 mon', /has no days before it|come after a time range/],
      ['mon-fri 09:00-18:00 sat', /the days "sat" come after a time range/],
      ['', /OFFICE_HOURS is empty/],
    ];
    for (const [input, message] of cases) {
      const text = problem(input);
      expect(text, input).toMatch(message);
      expect(text, input).toMatch(/Write days and times like "mon-fri 09:00-18:00, sat 09:00-12:00"/);
      expect(text, input).toMatch(/write a night as "fri 22:00-24:00, sat 00:00-06:00"/);
    }
  });
});
