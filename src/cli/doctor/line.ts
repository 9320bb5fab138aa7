import type { DoctorConfig } from '../../config/env.js';
import { LineChannelApi } from '../line-channel-api.js';
import { fail, networkError, ok, skip, warn, type CheckLine } from './check.js';
import type { DoctorText } from './text.js';

/** Below this many messages left (or a tenth of the limit, whichever is more), the quota line warns. */
const QUOTA_WARN_LEFT = 20;

/** LINE's side: the token, the webhook URL it has (set, in use, Tsunagi's), its own test call, and the quota left. */
export async function checkLine(c: DoctorConfig, t: DoctorText): Promise<CheckLine[]> {
  const { titles } = t;
  const all = [titles.lineToken, titles.lineWebhookUrl, titles.lineWebhookActive, titles.lineWebhookTest, titles.lineQuota];
  if (!c.line.channelAccessToken || !c.line.apiBaseUrl) return all.map((title) => skip(title, t.skippedBecause.config));
  const api = new LineChannelApi(c.line.apiBaseUrl, c.line.channelAccessToken, c.apiTimeoutMs);
  const host = new URL(c.line.apiBaseUrl).host;

  const lines: CheckLine[] = [];
  try {
    const info = await api.botInfo();
    if (info.status !== 200 || !info.body) {
      return [
        fail(titles.lineToken, t.line.tokenBad(info.status), t.line.tokenBadFix),
        ...all.slice(1).map((title) => skip(title, t.skippedBecause.lineToken)),
      ];
    }
    lines.push(ok(titles.lineToken, t.line.tokenOk(info.body.displayName, info.body.basicId)));
    const expected = c.publicUrl ? `${c.publicUrl}/line/webhook` : undefined;

    const webhook = await api.webhookEndpoint();
    const endpoint = webhook.body?.endpoint ?? '';
    if (webhook.status !== 200) {
      lines.push(fail(titles.lineWebhookUrl, `HTTP ${webhook.status}`, t.line.testFix.other), skip(titles.lineWebhookActive, `HTTP ${webhook.status}`));
    } else if (endpoint === '') lines.push(fail(titles.lineWebhookUrl, t.line.webhookUrlUnset, t.line.webhookUrlUnsetFix));
    else if (expected === undefined) lines.push(warn(titles.lineWebhookUrl, t.line.webhookUrlUnchecked(endpoint), t.publicUrl.unsetFix));
    else if (endpoint !== expected) lines.push(fail(titles.lineWebhookUrl, t.line.webhookUrlOther(endpoint, expected), t.line.webhookUrlOtherFix));
    else lines.push(ok(titles.lineWebhookUrl, t.line.webhookUrlOk(endpoint)));
    if (webhook.status === 200) {
      lines.push(
        webhook.body?.active === true
          ? ok(titles.lineWebhookActive, t.line.webhookActiveOk)
          : fail(titles.lineWebhookActive, t.line.webhookInactive, t.line.webhookInactiveFix),
      );
    }

    // LINE's own call: to Tsunagi's address when known (can LINE reach us?), else to the URL LINE has.
    const target = expected ?? (endpoint || undefined);
    if (target === undefined) lines.push(skip(titles.lineWebhookTest, t.skippedBecause.noEndpoint));
    else {
      const test = await api.testWebhook(target);
      const r = test.body;
      if (test.status !== 200 || !r)
        lines.push(fail(titles.lineWebhookTest, t.line.testFailed(target, `HTTP ${test.status}`, r?.message ?? ''), t.line.testFix.other));
      else if (r.success === true) lines.push(ok(titles.lineWebhookTest, t.line.testOk(target, r.statusCode)));
      else lines.push(fail(titles.lineWebhookTest, t.line.testFailed(target, r.reason, r.detail), testFix(t, r.reason, r.statusCode)));
    }

    lines.push(await checkQuota(api, t));
    return lines;
  } catch (error) {
    // LINE stopped answering: the check under way fails, the ones after it are not made.
    const [current, ...rest] = all.slice(lines.length);
    return [
      ...lines,
      ...(current ? [fail(current, t.unreachable('LINE', networkError(error)), t.unreachableFix(host))] : []),
      ...rest.map((title) => skip(title, t.unreachable('LINE', networkError(error)))),
    ];
  }
}

/** The fix for a failed test call of LINE's, by its reason and the status the endpoint answered. */
export function testFix(t: DoctorText, reason: string, status: number): string {
  if (reason === 'COULD_NOT_CONNECT') return t.line.testFix.couldNotConnect;
  if (reason === 'REQUEST_TIMEOUT') return t.line.testFix.timeout;
  if (status === 401 || status === 403) return t.line.testFix.unauthorized;
  if (status === 404 || status === 405) return t.line.testFix.notFound;
  return t.line.testFix.other;
}

async function checkQuota(api: LineChannelApi, t: DoctorText): Promise<CheckLine> {
  const title = t.titles.lineQuota;
  const [quota, consumption] = await Promise.all([api.quota(), api.quotaConsumption()]);
  if (quota.status !== 200 || consumption.status !== 200 || !quota.body || !consumption.body) {
    return warn(title, `HTTP ${quota.status} / ${consumption.status}`);
  }
  const used = consumption.body.totalUsage;
  if (quota.body.type === 'none') return ok(title, t.line.quotaUnlimited(used));
  const limit = quota.body.value ?? 0;
  const left = Math.max(0, limit - used);
  if (left === 0) return fail(title, t.line.quotaExhausted(limit), t.line.quotaExhaustedFix);
  if (left < Math.max(QUOTA_WARN_LEFT, limit / 10)) return warn(title, t.line.quotaLow(left, limit), t.line.quotaLowFix);
  return ok(title, t.line.quotaOk(left, limit));
}
