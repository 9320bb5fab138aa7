import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

const secrets = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sss', LINE_CHANNEL_ACCESS_TOKEN: 'lat', LINE_CHANNEL_SECRET: 'lcs' };

describe('linking settings', () => {
  it('default to a generated invite-code key and naming shared channels to LINE people', () => {
    const config = loadConfig({ ...secrets, INVITE_CODE_SECRET: '' });
    expect(config.invites.codeSecret).toBeUndefined();
    expect(config.invites.sharedChannelLinking).toBe('name');
  });

  it('accept a long INVITE_CODE_SECRET and SHARED_CHANNEL_LINKING=refuse', () => {
    const key = 'k'.repeat(32);
    const config = loadConfig({ ...secrets, INVITE_CODE_SECRET: key, SHARED_CHANNEL_LINKING: 'refuse' });
    expect(config.invites.codeSecret).toBe(key);
    expect(config.invites.sharedChannelLinking).toBe('refuse');
  });

  it('refuse a short key and an unknown sharing policy, naming the variables', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...secrets, INVITE_CODE_SECRET: 'short', SHARED_CHANNEL_LINKING: 'allow' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.join('\n')).toContain('INVITE_CODE_SECRET must be at least 32 characters');
    expect(problems.join('\n')).toContain('SHARED_CHANNEL_LINKING must be name or refuse');
  });
});
