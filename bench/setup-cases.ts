/**
 * The cases the bench talks to, made as staff and families make them, through signed HTTP: `/case new`
 * in a channel, `/case invite`, the LINE user following, sending the code and agreeing (the tests'
 * journey steps, test/helpers/journey.ts). Every case gets one consented, linked LINE user.
 */
import { createCase, linkLineUser } from '../test/helpers/journey.js';
import { signLineBody, signSlackRequest } from '../test/helpers/sign.js';
import type { TestApp } from '../test/helpers/test-app.js';
import type { Fakes } from './fakes.js';
import { SECRETS, type Product } from './product.js';

export interface BenchCase {
  index: number;
  code: string;
  channel: string;
  threadTs: string;
  userId: string;
}

/**
 * The journey helpers take the tests' TestApp but use only its HTTP side and the fakes: this is that
 * side for a product running in another process.
 */
function journeyTarget(product: Product, fakes: Fakes): TestApp {
  const target = {
    baseUrl: product.baseUrl,
    slack: fakes.slack,
    line: fakes.line,
    postLine(body: unknown) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      return fetch(`${product.baseUrl}/line/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(SECRETS.LINE_CHANNEL_SECRET, raw) },
        body: raw,
      });
    },
    postSlackForm(body: string) {
      return fetch(`${product.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRETS.SLACK_SIGNING_SECRET, body) },
        body,
      });
    },
  };
  return target as unknown as TestApp;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function inPool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return results;
}

/**
 * `count` cases, one Slack channel each unless `channels` is smaller (Slack allows one post a second
 * per channel, so a hundred cases relayed at once only make sense in their own channels), each with a
 * consented LINE user. `tag` keeps ids apart between setups of one run.
 */
export async function setUpCases(
  product: Product,
  fakes: Fakes,
  o: { count: number; channels: number; tag: string; concurrency?: number },
): Promise<BenchCase[]> {
  const t = journeyTarget(product, fakes);
  const indexes = Array.from({ length: o.count }, (_, i) => i);
  return inPool(indexes, o.concurrency ?? 8, async (i) => {
    const channel = `C${o.tag.toUpperCase()}${String(i % o.channels).padStart(4, '0')}`;
    const { code, threadTs } = await createCase(t, `bench${i}`, { channel });
    const userId = `U${o.tag}${String(i).padStart(5, '0')}`;
    await linkLineUser(t, { caseCode: code, role: '本人', userId, displayName: `bench${i}` });
    return { index: i, code, channel, threadTs, userId };
  });
}
