import { ConfigError, loadConfig } from '../../src/config/env.js';

/** The four secrets every configuration needs; tests add the settings they are about. */
export const secrets = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sss', LINE_CHANNEL_ACCESS_TOKEN: 'lat', LINE_CHANNEL_SECRET: 'lcs' };

/** The problems loadConfig reports for `env` (fails the test when it reports none). */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
