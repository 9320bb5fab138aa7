import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems, secrets } from '../../../helpers/config.js';
import { loadConfig } from '../../../../src/config/env.js';
import { formatRange } from '../../../../src/core/office/index.js';

const problemsOf = configProblems;

describe('OFFICE_HOURS and URGENT_WORDS_FILE settings', () => {
  it('default to Monday to Friday 9:00-18:00 and the built-in list', () => {
    const config = loadConfig(secrets);
    expect(config.office.hours.byWeekday.map((r) => r.map(formatRange))).toEqual([
      ['09:00-18:00'],
      ['09:00-18:00'],
      ['09:00-18:00'],
      ['09:00-18:00'],
      ['09:00-18:00'],
      [],
      [],
    ]);
    expect(config.urgent.wordsFile).toBeUndefined();
    expect(loadConfig({ ...secrets, URGENT_WORDS_FILE: '  ' }).urgent.wordsFile).toBeUndefined();
  });

  it('read the office hours and the file path as written', () => {
    const config = loadConfig({ ...secrets, OFFICE_HOURS: '月-金 9:00-17:00、土 9:00-12:00', URGENT_WORDS_FILE: 'config/urgent-words.json' });
    expect(config.office.hours.byWeekday[5]?.map(formatRange)).toEqual(['09:00-12:00']);
    expect(config.urgent.wordsFile).toBe(path.resolve('config/urgent-words.json'));
  });

  it('stop the start on wrong office hours, saying how to write them', () => {
    const problems = problemsOf({ ...secrets, OFFICE_HOURS: 'mon-fri 22:00-06:00' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^OFFICE_HOURS="mon-fri 22:00-06:00" cannot be used: "22:00-06:00" crosses midnight/);
    expect(problems[0]).toMatch(/Write days and times like "mon-fri 09:00-18:00, sat 09:00-12:00"/);
  });

  it('name wrong office hours together with the other problems', () => {
    const problems = problemsOf({ ...secrets, OFFICE_HOURS: 'weekdays', PORT: 'eighty' });
    expect(problems.join('\n')).toMatch(/OFFICE_HOURS="weekdays" cannot be used: cannot read "weekdays"/);
    expect(problems.join('\n')).toMatch(/PORT/);
  });
});
