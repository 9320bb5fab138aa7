import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';
import { coreSettings } from '../../../src/wiring/core-settings.js';

const secrets = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sss', LINE_CHANNEL_ACCESS_TOKEN: 'lat', LINE_CHANNEL_SECRET: 'lcs' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...secrets, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** LINE_READ_RECEIPTS and LINE_QUOTA_CHECK_SECONDS, as the core reads them. */
describe('LINE sending settings', () => {
  it('mark as read and check the quota every 5 minutes by default', () => {
    expect(coreSettings(loadConfig(secrets)).lineSending).toEqual({ readReceipts: true, quotaCheckSeconds: 300 });
    expect(coreSettings(loadConfig({ ...secrets, LINE_READ_RECEIPTS: ' ' })).lineSending.readReceipts).toBe(true);
  });

  it('read true/false (and 1/0, yes/no, on/off) and a number of seconds', () => {
    for (const off of ['false', 'FALSE', '0', 'no', 'off']) expect(loadConfig({ ...secrets, LINE_READ_RECEIPTS: off }).line.readReceipts).toBe(false);
    for (const on of ['true', '1', 'yes', 'On']) expect(loadConfig({ ...secrets, LINE_READ_RECEIPTS: on }).line.readReceipts).toBe(true);
    expect(loadConfig({ ...secrets, LINE_QUOTA_CHECK_SECONDS: '60' }).line.quotaCheckSeconds).toBe(60);
  });

  it('refuse other values with words that say how to write them', () => {
    expect(problemsOf({ LINE_READ_RECEIPTS: 'sometimes' })).toEqual(['LINE_READ_RECEIPTS must be true or false']);
    expect(problemsOf({ LINE_QUOTA_CHECK_SECONDS: '0' })).toEqual(['LINE_QUOTA_CHECK_SECONDS must be at least 1']);
    expect(problemsOf({ LINE_QUOTA_CHECK_SECONDS: 'often' })).toEqual(['LINE_QUOTA_CHECK_SECONDS must be a whole number']);
  });
});
