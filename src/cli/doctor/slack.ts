import type { DoctorConfig } from '../../config/env.js';
import { BOT_SCOPES } from '../../slack/app-manifest.js';
import { fail, networkError, ok, skip, warn, type CheckLine } from './check.js';
import type { DoctorText } from './text.js';

interface SlackAnswer {
  json: { ok?: boolean; error?: string } & Record<string, unknown>;
  headers: Headers;
}

/** One Web API call with the bot token (form-encoded, as Slack's clients send them). */
async function slackCall(c: DoctorConfig, method: string, args: Record<string, string> = {}): Promise<SlackAnswer> {
  const res = await fetch(`${c.slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.slack.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(args).toString(),
    signal: AbortSignal.timeout(c.apiTimeoutMs),
  });
  const json = (await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }))) as SlackAnswer['json'];
  if (!res.ok && json.ok !== false) json.ok = false;
  if (json.ok === false && !json.error) json.error = `HTTP ${res.status}`;
  return { json, headers: res.headers };
}

export interface SlackTokenResult {
  lines: CheckLine[];
  /** Whether the token works (the channel check needs it). */
  usable: boolean;
}

/** The token (auth.test), and the scopes Slack granted it (x-oauth-scopes) against the manifest's. */
export async function checkSlackToken(c: DoctorConfig, t: DoctorText): Promise<SlackTokenResult> {
  const { titles } = t;
  if (!c.slack.botToken || !c.slack.apiUrl) {
    return { usable: false, lines: [skip(titles.slackToken, t.skippedBecause.config), skip(titles.slackScopes, t.skippedBecause.config)] };
  }
  let answer: SlackAnswer;
  try {
    answer = await slackCall(c, 'auth.test');
  } catch (error) {
    return {
      usable: false,
      lines: [
        fail(titles.slackToken, t.unreachable('Slack', networkError(error)), t.unreachableFix(new URL(c.slack.apiUrl).host)),
        skip(titles.slackScopes, t.skippedBecause.slackToken),
      ],
    };
  }
  if (answer.json.ok !== true) {
    return {
      usable: false,
      lines: [
        fail(titles.slackToken, t.slack.tokenBad(answer.json.error ?? 'error'), t.slack.tokenBadFix),
        skip(titles.slackScopes, t.skippedBecause.slackToken),
      ],
    };
  }
  const lines = [ok(titles.slackToken, t.slack.tokenOk(String(answer.json.team ?? ''), String(answer.json.user ?? '')))];
  const header = answer.headers.get('x-oauth-scopes');
  if (header === null) {
    lines.push(warn(titles.slackScopes, t.slack.scopesUnknown));
    return { usable: true, lines };
  }
  const granted = new Set(
    header
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const needed = Object.keys(BOT_SCOPES);
  const missing = needed.filter((s) => !granted.has(s));
  const extra = [...granted].filter((s) => !needed.includes(s));
  if (missing.length > 0) lines.push(fail(titles.slackScopes, t.slack.scopesMissing(missing), t.slack.scopesMissingFix));
  else if (extra.length > 0) lines.push(warn(titles.slackScopes, t.slack.scopesExtra(extra), t.slack.scopesExtraFix));
  else lines.push(ok(titles.slackScopes, t.slack.scopesOk(needed.length)));
  return { usable: true, lines };
}

/** The bot's membership (conversations.info is_member) of every channel that holds an open case. */
export async function checkSlackChannels(c: DoctorConfig, t: DoctorText, channels: string[]): Promise<CheckLine> {
  const title = t.titles.slackChannels;
  if (channels.length === 0) return ok(title, t.slack.channelsNone);
  const missing: string[] = [];
  for (const channel of channels) {
    let answer: SlackAnswer;
    try {
      answer = await slackCall(c, 'conversations.info', { channel });
    } catch (error) {
      return fail(title, t.unreachable('Slack', networkError(error)), t.unreachableFix(new URL(c.slack.apiUrl!).host));
    }
    const info = answer.json.channel as { name?: string; is_member?: boolean } | undefined;
    // channel_not_found: a private channel the bot is not in (Slack does not show it to the bot).
    if (answer.json.ok !== true || info?.is_member !== true) {
      const name = info?.name ? `#${info.name} (${channel})` : channel;
      missing.push(answer.json.ok === true || answer.json.error === 'channel_not_found' ? name : `${name}: ${answer.json.error}`);
    }
  }
  return missing.length > 0 ? fail(title, t.slack.channelsMissing(missing), t.slack.channelsMissingFix) : ok(title, t.slack.channelsOk(channels.length));
}
