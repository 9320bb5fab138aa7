import { slackSignatureHeaders } from '../signing.js';

/** Where the app lives, as configured in the Slack app (request URL and signing secret). */
export interface SlackAppEndpoint {
  /** `http://127.0.0.1:PORT/slack/events` */
  requestUrl: string;
  signingSecret: string;
}

export interface Delivery {
  status: number;
  body: string;
  contentType: string;
  /** No answer within Slack's 3 seconds, or no connection. */
  failed?: 'timeout' | 'connection';
}

/** Slack waits 3 seconds for an answer to any request it sends to an app. */
export const APP_ANSWER_TIMEOUT_MS = 3000;

/** Sends one signed request as Slack does (timestamp from the real clock: the app checks it against its own). */
export async function deliverToApp(
  endpoint: SlackAppEndpoint,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
): Promise<Delivery> {
  const signed = slackSignatureHeaders(endpoint.signingSecret, body, Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(endpoint.requestUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...signed, ...headers },
      body,
      signal: AbortSignal.timeout(APP_ANSWER_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  } catch (error) {
    const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: 0, body: '', contentType: '', failed: timeout ? 'timeout' : 'connection' };
  }
}

export const asPayloadForm = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
