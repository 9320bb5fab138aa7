import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSED_DAYS } from '../../../../src/core/reminders/rules/calendar.js';
import { defaultMonitoringMonths, MONITORING_CITATION, nextMonitoringDay } from '../../../../src/core/reminders/rules/monitoring.js';

const cal = { closedDays: DEFAULT_CLOSED_DAYS };

describe('monitoring cadence per service', () => {
  it('defaults to 6 months for A型/B型 and unknown, 3 for 移行/定着', () => {
    expect(defaultMonitoringMonths('A型')).toBe(6);
    expect(defaultMonitoringMonths('B型')).toBe(6);
    expect(defaultMonitoringMonths('移行')).toBe(3);
    expect(defaultMonitoringMonths('定着')).toBe(3);
    expect(defaultMonitoringMonths(null)).toBe(6);
    expect(defaultMonitoringMonths('生活介護')).toBe(6);
  });

  it('cites the basis per service', () => {
    expect(MONITORING_CITATION).toEqual({
      A型: '個別支援計画の見直し: 少なくとも6か月ごと（指定障害福祉サービス基準 第58条準用）',
      B型: '個別支援計画の見直し: 少なくとも6か月ごと（指定障害福祉サービス基準 第58条準用）',
      移行: '個別支援計画の見直し: 3か月ごと（就労移行支援）',
      定着: '個別支援計画の見直し: 3か月ごと（就労定着支援、要確認）',
    });
  });
});

describe('nextMonitoringDay', () => {
  it('rolls from the day the review was actually done', () => {
    expect(nextMonitoringDay('2026-11-20', 6, cal)).toStrictEqual({ dueDay: '2027-05-20' });
    // Done a week late: the next one is counted from the late date.
    expect(nextMonitoringDay('2027-05-27', 6, cal)).toStrictEqual({
      dueDay: '2027-11-26',
      shiftedFrom: '2027-11-27',
      reason: '2027/11/27（土曜日）は休業日のため、前の営業日に移動',
    });
  });

  it('moves a result on a holiday to the previous business day, with a reason', () => {
    expect(nextMonitoringDay('2027-02-04', 3, cal)).toStrictEqual({
      dueDay: '2027-04-30',
      shiftedFrom: '2027-05-04',
      reason: '2027/05/04（みどりの日）は休業日のため、前の営業日に移動',
    });
  });

  it('moves a result in the year-end closure', () => {
    expect(nextMonitoringDay('2026-06-30', 6, cal)).toStrictEqual({
      dueDay: '2026-12-28',
      shiftedFrom: '2026-12-30',
      reason: '2026/12/30（年末年始休業）は休業日のため、前の営業日に移動',
    });
  });

  it('clamps month ends before shifting', () => {
    expect(nextMonitoringDay('2026-08-31', 6, cal)).toStrictEqual({
      dueDay: '2027-02-26',
      shiftedFrom: '2027-02-28',
      reason: '2027/02/28（日曜日）は休業日のため、前の営業日に移動',
    });
  });

  it('refuses an interval that is not whole months', () => {
    expect(() => nextMonitoringDay('2026-11-20', 0, cal)).toThrow(RangeError);
    expect(() => nextMonitoringDay('2026-11-20', 1.5, cal)).toThrow(RangeError);
  });
});
