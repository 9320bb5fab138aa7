import { loadLineWebhookConfig } from '../config/env.js';
import { networkError } from './doctor/check.js';
import { testFix } from './doctor/line.js';
import { doctorText } from './doctor/text.js';
import { LineChannelApi } from './line-channel-api.js';
import { lineWebhookText } from './line-webhook-text.js';
import { toolConfig } from './tool-config.js';

/**
 * `npm run line:webhook`: sets LINE's webhook URL to PUBLIC_URL/line/webhook through the Messaging API
 * (PUT /v2/bot/channel/webhook/endpoint), then asks LINE for its test call to it and prints how that
 * went, with the fix when it failed. Exit code 0 when LINE reached Tsunagi and the webhook is in use.
 * Run it while Tsunagi runs (the test call needs Tsunagi to answer).
 */
async function main(): Promise<number> {
  const config = toolConfig(loadLineWebhookConfig);
  if (typeof config === 'number') return config;
  const t = lineWebhookText[config.language];
  const d = doctorText[config.language];
  const fix = (text: string) => console.log(`    ${t.fixLabel}: ${text}`);
  if (!config.publicUrl) {
    console.error(t.noPublicUrl);
    return 78;
  }
  const url = `${config.publicUrl}/line/webhook`;
  const api = new LineChannelApi(config.line.apiBaseUrl, config.line.channelAccessToken, config.apiTimeoutMs);
  let changed = false;
  try {
    console.log(t.setting(url));
    const set = await api.setWebhookEndpoint(url);
    if (set.status === 401 || set.status === 403) {
      console.log(t.tokenBad(set.status));
      fix(d.line.tokenBadFix);
      return 1;
    }
    if (set.status !== 200) {
      console.log(t.refused(url, set.status, set.body?.message ?? ''));
      fix(t.refusedFix);
      return 1;
    }
    changed = true;
    console.log(t.set(url));

    let ok = true;
    const settings = await api.webhookEndpoint();
    if (settings.status === 200 && settings.body?.active !== true) {
      console.log(t.inactive);
      fix(d.line.webhookInactiveFix);
      ok = false;
    }

    console.log(t.testing);
    const test = await api.testWebhook(url);
    const r = test.body;
    if (test.status !== 200 || !r) {
      console.log(`✗ ${d.line.testFailed(url, `HTTP ${test.status}`, r?.message ?? '')}`);
      fix(d.line.testFix.other);
      ok = false;
    } else if (r.success === true) {
      console.log(`✓ ${d.line.testOk(url, r.statusCode)}`);
    } else {
      console.log(`✗ ${d.line.testFailed(url, r.reason, r.detail)}`);
      fix(testFix(d, r.reason, r.statusCode));
      ok = false;
    }
    console.log(ok ? t.done : t.notDone);
    return ok ? 0 : 1;
  } catch (error) {
    console.log(changed ? t.unreachableAfterSet(networkError(error)) : t.unreachable(networkError(error)));
    fix(d.unreachableFix(new URL(config.line.apiBaseUrl).host));
    return 1;
  }
}

process.exitCode = await main();
