import { App } from '@slack/bolt';
import type { Config } from '../config/env.js';
import { AppError, errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { countingFetch, type SlackCallRecorder } from './api-calls.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackReceiver } from './receiver.js';

export class SlackAuthError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('slack_auth_failed', message, 'permanent', options);
  }
}

/**
 * The Bolt app, on our receiver, talking to SLACK_API_URL. Its client does not wait out rate limits
 * or retry by itself: work that must survive a 429 or 5xx runs in the queue, which retries. With
 * `recordCall`, every Web API call is counted (method and status) as it is made.
 */
export async function createSlackApp(config: Config, receiver: SlackReceiver, logger: Logger, recordCall?: SlackCallRecorder): Promise<App> {
  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger(logger),
    deferInitialization: true,
    ignoreSelf: true,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      timeout: config.apiTimeoutMs,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      ...(recordCall ? { fetch: countingFetch(config.slack.apiUrl, recordCall) } : {}),
    },
  });
  // Errors reach the caller (receiver or queue worker), which decides: answer 500, or retry the job.
  app.error(async (error) => {
    throw error;
  });
  try {
    await app.init(); // auth.test: learns the bot's own user id (ignoreSelf) and checks the token.
  } catch (error) {
    throw new SlackAuthError(
      `Slack refused SLACK_BOT_TOKEN or could not be reached at ${config.slack.apiUrl} (${errorMessage(error)}). ` +
        'Check the token (OAuth & Permissions in your Slack app) and SLACK_API_URL.',
      { cause: error },
    );
  }
  return app;
}
