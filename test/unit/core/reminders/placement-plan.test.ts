import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSED_DAYS, isBusinessDay } from '../../../../src/core/reminders/rules/calendar.js';
import { placementPlan } from '../../../../src/core/reminders/rules/placement-plan.js';

const cal = { closedDays: DEFAULT_CLOSED_DAYS };

const CONTACT = '就職後6か月の職場定着支援（就労移行: 義務、A型・B型: 努力義務）— MHLW Q&A';
const APPLICATION = '就労定着支援の申請準備は就職後2〜5か月頃（新しい受給者証が必要）';
const MILESTONE = '6か月定着は就労移行の基本報酬・A型B型の就労移行支援体制加算の実績（前年度内に到達したもの）';
const RETENTION = '就労定着支援: 月1回以上の対面支援と支援レポート、最長3年（JEED）';

describe('placementPlan', () => {
  it('placement on 2026-12-01: contacts, application, milestone on Tuesday 2027-06-01', () => {
    expect(placementPlan('2026-12-01', '移行', cal)).toStrictEqual([
      {
        kind: 'task',
        rule: 'placement.contact.m1',
        title: '就職後1か月目の連絡・職場訪問',
        citation: CONTACT,
        dueDay: '2026-12-28',
        shiftedFrom: '2027-01-01',
        reason: '2027/01/01（元日）は休業日のため、前の営業日に移動',
      },
      { kind: 'task', rule: 'placement.contact.m2', title: '就職後2か月目の連絡・職場訪問', citation: CONTACT, dueDay: '2027-02-01' },
      { kind: 'task', rule: 'placement.contact.m3', title: '就職後3か月目の連絡・職場訪問', citation: CONTACT, dueDay: '2027-03-01' },
      { kind: 'task', rule: 'placement.contact.m4', title: '就職後4か月目の連絡・職場訪問', citation: CONTACT, dueDay: '2027-04-01' },
      {
        kind: 'task',
        rule: 'placement.retention_application',
        title: '就労定着支援の利用申請の準備（受給者証）',
        citation: APPLICATION,
        dueDay: '2027-04-01',
      },
      {
        kind: 'task',
        rule: 'placement.contact.m5',
        title: '就職後5か月目の連絡・職場訪問',
        citation: CONTACT,
        dueDay: '2027-04-30',
        shiftedFrom: '2027-05-01',
        reason: '2027/05/01（土曜日）は休業日のため、前の営業日に移動',
      },
      {
        kind: 'milestone',
        rule: 'placement.six_months',
        title: '就職後6か月（定着実績の基準日・就労定着支援の開始）',
        citation: MILESTONE,
        dueDay: '2027-06-01',
      },
    ]);
  });

  it('placement on 2026-08-31: month ends clamp (six months = Sunday 2027-02-28, moved to Friday 02-26)', () => {
    const plan = placementPlan('2026-08-31', 'A型', cal);
    expect(plan.map((r) => [r.rule, r.dueDay, r.shiftedFrom])).toEqual([
      ['placement.contact.m1', '2026-09-30', undefined],
      ['placement.contact.m2', '2026-10-30', '2026-10-31'],
      ['placement.contact.m3', '2026-11-30', undefined],
      ['placement.contact.m4', '2026-12-28', '2026-12-31'],
      ['placement.retention_application', '2026-12-28', '2026-12-31'],
      ['placement.contact.m5', '2027-01-29', '2027-01-31'],
      ['placement.six_months', '2027-02-26', '2027-02-28'],
    ]);
    expect(plan.at(-1)!.reason).toBe('2027/02/28（日曜日）は休業日のため、前の営業日に移動');
    expect(plan[3]!.reason).toBe('2026/12/31（年末年始休業）は休業日のため、前の営業日に移動');
  });

  it('adds no retention-support months for other services', () => {
    for (const key of ['A型', 'B型', '移行', null]) {
      expect(placementPlan('2026-12-01', key, cal).map((r) => r.rule)).not.toContain('retention.monthly.m7');
      expect(placementPlan('2026-12-01', key, cal)).toHaveLength(7);
    }
  });

  it('a 就労定着支援 case adds 36 monthly entries from D+7 to D+42 months', () => {
    const plan = placementPlan('2026-12-01', '定着', cal);
    expect(plan).toHaveLength(43);
    const monthly = plan.filter((r) => r.rule.startsWith('retention.monthly.'));
    expect(monthly).toHaveLength(36);
    expect(monthly[0]).toStrictEqual({
      kind: 'task',
      rule: 'retention.monthly.m7',
      title: '就労定着支援 1か月目の面談・支援レポート',
      citation: RETENTION,
      dueDay: '2027-07-01',
    });
    expect(monthly[1]).toMatchObject({ rule: 'retention.monthly.m8', dueDay: '2027-07-30', shiftedFrom: '2027-08-01' });
    expect(monthly.at(-1)).toStrictEqual({
      kind: 'task',
      rule: 'retention.monthly.m42',
      title: '就労定着支援 36か月目の面談・支援レポート',
      citation: RETENTION,
      dueDay: '2030-05-31',
      shiftedFrom: '2030-06-01',
      reason: '2030/06/01（土曜日）は休業日のため、前の営業日に移動',
    });
    expect(plan.at(-1)!.rule).toBe('retention.monthly.m42');
  });

  it('is sorted by due day and every due day is a business day', () => {
    const plan = placementPlan('2026-08-31', '定着', cal);
    const days = plan.map((r) => r.dueDay);
    expect(days).toEqual([...days].sort());
    expect(plan.every((r) => isBusinessDay(r.dueDay, cal))).toBe(true);
  });
});
