import { describe, expect, it } from 'vitest';
import { configProblems, secrets } from '../../helpers/config.js';
import { loadConfig } from '../../../src/config/env.js';

const problemsOf = (env: Record<string, string>) => configProblems({ ...secrets, ...env });

/** URGENT_ALERTS, URGENT_ESCALATE_AFTER_MINUTES, URGENT_ONCALL_USER_IDS, AFTER_HOURS_REPLY_PERIOD_HOURS. */
describe('urgent-message and out-of-hours settings', () => {
  it('default to alerts on, escalation after 10 minutes to nobody on call, an answer at most every 12 hours', () => {
    const config = loadConfig(secrets);
    expect(config.urgent).toMatchObject({ alerts: true, escalateAfterMinutes: 10, oncallUserIds: [] });
    expect(config.afterHours).toEqual({ replyPeriodHours: 12 });
  });

  it('take what an office writes', () => {
    const config = loadConfig({
      ...secrets,
      URGENT_ALERTS: 'OFF',
      URGENT_ESCALATE_AFTER_MINUTES: '5',
      URGENT_ONCALL_USER_IDS: 'U0123ABCD, U0456EFGH',
      AFTER_HOURS_REPLY_PERIOD_HOURS: '0',
    });
    expect(config.urgent).toMatchObject({ alerts: false, escalateAfterMinutes: 5, oncallUserIds: ['U0123ABCD', 'U0456EFGH'] });
    expect(config.afterHours.replyPeriodHours).toBe(0);
  });

  it('refuse what cannot be meant, saying how to write it', () => {
    expect(problemsOf({ URGENT_ALERTS: 'yes' }).join('\n')).toMatch(/URGENT_ALERTS must be on or off/);
    expect(problemsOf({ URGENT_ESCALATE_AFTER_MINUTES: 'ten' }).join('\n')).toMatch(/URGENT_ESCALATE_AFTER_MINUTES must be a number of minutes/);
    expect(problemsOf({ URGENT_ESCALATE_AFTER_MINUTES: '0' }).join('\n')).toMatch(/URGENT_ESCALATE_AFTER_MINUTES must be at least/);
    expect(problemsOf({ URGENT_ONCALL_USER_IDS: 'tanaka' }).join('\n')).toMatch(/URGENT_ONCALL_USER_IDS must be Slack user ids/);
    expect(problemsOf({ AFTER_HOURS_REPLY_PERIOD_HOURS: '-1' }).join('\n')).toMatch(/AFTER_HOURS_REPLY_PERIOD_HOURS must be 0/);
    expect(problemsOf({ AFTER_HOURS_REPLY_PERIOD_HOURS: 'half a day' }).join('\n')).toMatch(/AFTER_HOURS_REPLY_PERIOD_HOURS must be a number of hours/);
  });
});
