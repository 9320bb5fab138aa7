import { createHmac } from 'node:crypto';

/** What Slack sends with every request: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignatureHeaders(signingSecret: string, rawBody: string, timestampSec: number): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSec) };
}

/** LINE's `x-line-signature`: base64 HMAC-SHA256 of the raw body with the channel secret. */
export function lineSignature(channelSecret: string, rawBody: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}
