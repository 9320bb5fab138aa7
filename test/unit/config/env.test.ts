import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems, secrets } from '../../helpers/config.js';
import { loadConfig } from '../../../src/config/env.js';

const problemsOf = configProblems;

describe('loadConfig', () => {
  it('applies the documented defaults when only the four secrets are set', () => {
    const config = loadConfig(secrets);
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe(path.resolve('.data'));
    expect(config.queue.redisUrl).toBeUndefined();
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.line.apiBaseUrl).toBe('https://api.line.me');
    expect(config.line.dataApiBaseUrl).toBe('https://api-data.line.me');
    expect(config.timeZone).toBe('Asia/Tokyo');
    expect(config.staffLanguage).toBe('ja');
  });

  it('names every missing secret, with where to find it', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is not set.*OAuth & Permissions/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is not set/);
    expect(problems.join('\n')).toMatch(/LINE_CHANNEL_ACCESS_TOKEN is not set/);
    expect(problems.join('\n')).toMatch(/LINE_CHANNEL_SECRET is not set.*Basic settings/);
  });

  it('treats an empty secret as missing', () => {
    expect(problemsOf({ ...secrets, LINE_CHANNEL_SECRET: '  ' })).toEqual([expect.stringMatching(/LINE_CHANNEL_SECRET is empty/)]);
  });

  it('rejects invalid values with a message naming the variable', () => {
    const problems = problemsOf({
      ...secrets,
      SLACK_BOT_TOKEN: 'not-a-token',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://redis',
      TZ_NAME: 'Mars/Olympus',
      SLACK_API_URL: 'ftp://x',
    });
    const text = problems.join('\n');
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'DATABASE_URL', 'REDIS_URL', 'TZ_NAME', 'SLACK_API_URL']) {
      expect(text).toContain(name);
    }
    expect(problems).toHaveLength(6);
  });

  it('normalises API base URLs (Slack with a trailing slash, LINE without)', () => {
    const config = loadConfig({
      ...secrets,
      SLACK_API_URL: 'http://127.0.0.1:9000/api',
      LINE_API_BASE_URL: 'http://127.0.0.1:9001/',
      LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9002//',
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9000/api/');
    expect(config.line.apiBaseUrl).toBe('http://127.0.0.1:9001');
    expect(config.line.dataApiBaseUrl).toBe('http://127.0.0.1:9002');
  });

  it('uses DATABASE_URL and REDIS_URL when set, and ignores them when empty', () => {
    const set = loadConfig({ ...secrets, DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(set.database.url).toBe('postgres://u@h/db');
    expect(set.queue.redisUrl).toBe('redis://127.0.0.1:6379');
    const empty = loadConfig({ ...secrets, DATABASE_URL: '', REDIS_URL: '' });
    expect(empty.database.url).toBeUndefined();
    expect(empty.queue.redisUrl).toBeUndefined();
  });

  it('the error message lists the problems and points at .env.example', () => {
    expect(() => loadConfig({ ...secrets, LINE_CHANNEL_SECRET: '' })).toThrowError(/1 problem.*\n.*LINE_CHANNEL_SECRET[\s\S]*\.env\.example/);
  });
});
