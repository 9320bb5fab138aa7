import type { webApi } from '@slack/bolt';

/** Slack Web API failures sorted by what to do about them. Classified by error class and code. */
export type SlackFailure = { kind: 'rate_limited'; retryAfterSec: number } | { kind: 'permanent'; code: string } | { kind: 'retryable'; code: string };

/** Errors after which retrying the same call cannot succeed. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'no_text',
  'thread_not_found',
  'restricted_action',
  'cannot_reply_to_message',
]);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number };
  const code: webApi.ErrorCode | string | undefined = e?.code;
  if (code === 'slack_webapi_rate_limited_error') return { kind: 'rate_limited', retryAfterSec: Math.max(1, Number(e.retryAfter ?? 1)) };
  if (code === 'slack_webapi_platform_error') {
    const apiError = e.data?.error ?? 'unknown';
    if (apiError === 'ratelimited') return { kind: 'rate_limited', retryAfterSec: 1 };
    return PERMANENT.has(apiError) ? { kind: 'permanent', code: apiError } : { kind: 'retryable', code: apiError };
  }
  if (code === 'slack_webapi_http_error') return { kind: 'retryable', code: `http_${e.statusCode ?? 'error'}` };
  return { kind: 'retryable', code: 'request_error' };
}
