import { describe, expect, it } from 'vitest';
import { EDITABLE_SETTINGS } from '../../../src/config/editable-settings.js';
import { isSettingName, loadConfig, overlaySettings, type Config } from '../../../src/config/env.js';
import { coreSettings } from '../../../src/wiring/core-settings.js';

const secrets = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', LINE_CHANNEL_SECRET: 'c' };
const withoutEnvironment = ({ environment: _environment, ...rest }: Config) => rest;

/**
 * A valid value other than the default, per editable setting. A setting added to EDITABLE_SETTINGS
 * needs one here: the test below then shows the core reads it (a setting the core does not read at
 * use time would look changed in the App Home and change nothing).
 */
const ANOTHER_VALUE: Record<string, string> = {
  OFFICE_HOURS: 'mon-sat 10:00-16:00',
  OFFICE_CLOSED_DAYS: '',
  OFFICE_START: '10:00',
  VISIT_REMINDER_DAY_BEFORE_AT: '16:00',
  VISIT_REMINDER_HOURS_BEFORE: '2',
  MONITORING_REMINDER_DAYS_BEFORE: '7',
  MILESTONE_REMINDER_DAYS_BEFORE: '3',
  TASK_REMINDER_DAYS_BEFORE: '1',
  DIGEST_TIME: '09:00',
  REMINDER_ESCALATE_AFTER_MINUTES: '60',
  ESCALATION_USER_ID: 'U0123ABCD',
  URGENT_ALERTS: 'off',
  URGENT_ESCALATE_AFTER_MINUTES: '5',
  URGENT_ONCALL_USER_IDS: 'U0123ABCD,U0456EFGH',
  AFTER_HOURS_REPLY_PERIOD_HOURS: '24',
  LINE_READ_RECEIPTS: 'false',
};

describe('the settings admins may change in the App Home', () => {
  it('each is a variable of the environment, listed once, with both languages and help', () => {
    const names = EDITABLE_SETTINGS.map((s) => s.env);
    expect(new Set(names).size).toBe(names.length);
    for (const s of EDITABLE_SETTINGS) {
      expect(isSettingName(s.env), s.env).toBe(true);
      expect(
        [s.ja, s.en, s.helpJa, s.helpEn].every((text) => text.trim() !== ''),
        s.env,
      ).toBe(true);
    }
  });

  it("each one's built-in default is the default env.ts applies", () => {
    const defaults = withoutEnvironment(loadConfig(secrets));
    for (const s of EDITABLE_SETTINGS) {
      expect(withoutEnvironment(loadConfig({ ...secrets, [s.env]: s.builtIn })), s.env).toEqual(defaults);
    }
  });

  it('each one is read by the core (changing it changes the core settings)', () => {
    const before = coreSettings(loadConfig(secrets));
    for (const s of EDITABLE_SETTINGS) {
      const value = ANOTHER_VALUE[s.env];
      expect(value, `${s.env}: add a valid value to ANOTHER_VALUE`).toBeDefined();
      const overlaid = overlaySettings(loadConfig(secrets).environment, { [s.env]: value! });
      expect(overlaid.ok, s.env).toBe(true);
      if (overlaid.ok) expect(coreSettings(overlaid.config), s.env).not.toEqual(before);
    }
  });
});

describe('overlaySettings', () => {
  const environment = loadConfig({ ...secrets, DIGEST_TIME: '07:45', PATH: '/usr/bin' }).environment;

  it("keeps the environment's texts of Tsunagi's own variables only", () => {
    expect(environment).toEqual({ ...secrets, DIGEST_TIME: '07:45' });
  });

  it('lays stored values over the environment and parses them as at start', () => {
    const result = overlaySettings(environment, { DIGEST_TIME: '06:15', OFFICE_HOURS: '月-金 9:00-17:00' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.reminders.digestTime).toEqual({ hour: 6, minute: 15 });
    expect(result.config.office.hours.byWeekday[0]).toEqual([{ start: 540, end: 1020 }]);
    expect(overlaySettings(environment, {}).ok && overlaySettings(environment, {})).toMatchObject({
      config: { reminders: { digestTime: { hour: 7, minute: 45 } } },
    });
  });

  it('refuses what the environment would be refused for, naming the setting with the same words', () => {
    expect(overlaySettings(environment, { DIGEST_TIME: '7時', ESCALATION_USER_ID: 'someone' })).toEqual({
      ok: false,
      problems: [
        { setting: 'ESCALATION_USER_ID', message: 'ESCALATION_USER_ID must be a Slack user id like U0123ABCD (profile → ⋮ → Copy member ID)' },
        { setting: 'DIGEST_TIME', message: 'DIGEST_TIME must be a time like 09:00' },
      ],
    });
    expect(() => loadConfig({ ...secrets, DIGEST_TIME: '7時' })).toThrow('DIGEST_TIME must be a time like 09:00');
  });
});

describe('ADMIN_USER_IDS', () => {
  it('is a list of Slack member ids, empty by default', () => {
    expect(loadConfig(secrets).adminUserIds).toEqual([]);
    expect(loadConfig({ ...secrets, ADMIN_USER_IDS: ' U0123ABCD, W0456EFGH,U0123ABCD ' }).adminUserIds).toEqual(['U0123ABCD', 'W0456EFGH']);
    expect(() => loadConfig({ ...secrets, ADMIN_USER_IDS: 'U0123ABCD,@sato' })).toThrow('ADMIN_USER_IDS must be Slack user ids separated by commas');
  });
});
