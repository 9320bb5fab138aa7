import { describe, expect, it } from 'vitest';
import { ConfigError, loadBackupToolConfig, loadConfig, loadDoctorConfig, loadLineWebhookConfig } from '../../../src/config/env.js';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 's',
  LINE_CHANNEL_ACCESS_TOKEN: 't',
  LINE_CHANNEL_SECRET: 'c',
};

describe('settings of the operations commands', () => {
  it('PUBLIC_URL: optional, an http(s) URL, kept without a trailing slash; LOG_FORMAT json or pretty', () => {
    expect(loadConfig(SECRETS).publicUrl).toBeUndefined();
    expect(loadConfig({ ...SECRETS, PUBLIC_URL: '' }).publicUrl).toBeUndefined();
    expect(loadConfig({ ...SECRETS, PUBLIC_URL: 'https://tsunagi.example.jp/' }).publicUrl).toBe('https://tsunagi.example.jp');
    expect(() => loadConfig({ ...SECRETS, PUBLIC_URL: 'tsunagi.example.jp' })).toThrow('PUBLIC_URL must be a URL starting with https:// or http://');
    expect(loadConfig(SECRETS).logFormat).toBeUndefined();
    expect(loadConfig({ ...SECRETS, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ ...SECRETS, LOG_FORMAT: 'yaml' })).toThrow('LOG_FORMAT must be json or pretty');
  });

  it('the doctor reads each setting on its own: one missing secret neither hides the others nor stops it', () => {
    const c = loadDoctorConfig({ SLACK_BOT_TOKEN: 'xoxb-1', LINE_API_BASE_URL: 'not a url', DATABASE_URL: 'mysql://x', STAFF_LANGUAGE: 'fr' });
    expect(c.problems).toEqual(expect.arrayContaining([expect.stringContaining('SLACK_SIGNING_SECRET is not set'), expect.stringContaining('DATABASE_URL')]));
    expect(c.slack).toEqual({ botToken: 'xoxb-1', apiUrl: 'https://slack.com/api/' });
    expect(c.line).toEqual({ channelAccessToken: undefined, apiBaseUrl: undefined });
    // An invalid DATABASE_URL is not "embedded": no data folder to check then.
    expect(c.database).toEqual({ url: undefined, dataDir: undefined });
    expect(c.language).toBe('ja');
  });

  it('line:webhook needs the LINE token; backup and restore need nothing but have defaults', () => {
    expect(() => loadLineWebhookConfig({})).toThrow(ConfigError);
    expect(loadLineWebhookConfig({ LINE_CHANNEL_ACCESS_TOKEN: 't', PUBLIC_URL: 'https://a.example/' })).toMatchObject({
      publicUrl: 'https://a.example',
      line: { apiBaseUrl: 'https://api.line.me' },
    });
    expect(loadBackupToolConfig({})).toMatchObject({ database: { url: undefined }, queue: { redisUrl: undefined, prefix: '{tsunagi}' }, language: 'ja' });
  });
});
