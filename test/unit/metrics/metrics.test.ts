import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/lib/logger.js';
import { createMetrics, type ScrapeSources } from '../../../src/metrics/metrics.js';
import { parseMetrics } from '../../helpers/metrics.js';

const quietLogger = () =>
  createLogger(
    'warn',
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
  );

const sources = (over: Partial<ScrapeSources> = {}): ScrapeSources => ({
  queues: async () => [{ queue: 'slack-out', waiting: 2, delayed: 1, active: 1, failed: 0, oldestWaitingSeconds: 12.5 }],
  remindersDue: async () => 3,
  lineQuota: async () => ({ used: 42, limit: 200 }),
  ...over,
});

const valueOf = (text: string, name: string, labels: Record<string, string> = {}) =>
  parseMetrics(text).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

/** The metrics' own rules: what a scrape reads, what a failing source leaves out, what a label may hold. */
describe('createMetrics', () => {
  it('shows counters, the latency histogram and the gauges read at the scrape', async () => {
    const m = createMetrics({ logger: quietLogger() });
    m.readFrom(sources());
    m.telemetry.relayed(1500);
    m.telemetry.delivery('line_message', 'delivered');
    m.telemetry.reminderFired('lead');
    m.telemetry.reminderFired('escalation');
    m.countInbound('line', 'stored', 2);
    m.slackCall('chat.postMessage', '429');
    m.lineCall('pushMessage', 'timeout');
    const { body, contentType } = await m.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(valueOf(body, 'tsunagi_relay_latency_seconds_sum')).toBe(1.5);
    expect(valueOf(body, 'tsunagi_relay_latency_seconds_bucket', { le: '2' })).toBe(1);
    expect(valueOf(body, 'tsunagi_relay_latency_seconds_bucket', { le: '1' })).toBe(0);
    expect(valueOf(body, 'tsunagi_deliveries_total', { kind: 'line_message', outcome: 'delivered' })).toBe(1);
    expect(valueOf(body, 'tsunagi_reminders_fired_total')).toBe(1);
    expect(valueOf(body, 'tsunagi_reminders_escalated_total')).toBe(1);
    expect(valueOf(body, 'tsunagi_inbound_events_total', { source: 'line', outcome: 'stored' })).toBe(2);
    expect(valueOf(body, 'tsunagi_inbound_events_total', { source: 'slack', outcome: 'failed' })).toBe(0);
    expect(valueOf(body, 'tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: '429' })).toBe(1);
    expect(valueOf(body, 'tsunagi_line_api_calls_total', { method: 'pushMessage', status: 'timeout' })).toBe(1);
    expect(valueOf(body, 'tsunagi_queue_jobs', { queue: 'slack-out', state: 'waiting' })).toBe(2);
    expect(valueOf(body, 'tsunagi_queue_oldest_waiting_seconds', { queue: 'slack-out' })).toBe(12.5);
    expect(valueOf(body, 'tsunagi_reminders_due')).toBe(3);
    expect(valueOf(body, 'tsunagi_line_quota_used_messages')).toBe(42);
    expect(valueOf(body, 'tsunagi_line_quota_limit_messages')).toBe(200);
    expect(valueOf(body, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('asks LINE for the quota at most once per interval, and leaves out a source that fails or hangs', async () => {
    let asked = 0;
    const m = createMetrics({ logger: quietLogger(), quotaEveryMs: 60_000, sourceTimeoutMs: 100 });
    m.readFrom(
      sources({
        queues: () => Promise.reject(new Error('redis unreachable')),
        remindersDue: () => new Promise<number>(() => undefined),
        lineQuota: async () => {
          asked += 1;
          return { used: 5, limit: null };
        },
      }),
    );
    const first = (await m.render()).body;
    await m.render();
    await m.render();
    expect(asked).toBe(1);
    expect(valueOf(first, 'tsunagi_line_quota_used_messages')).toBe(5);
    expect(valueOf(first, 'tsunagi_line_quota_limit_messages')).toBeUndefined();
    expect(valueOf(first, 'tsunagi_queue_jobs', { queue: 'slack-out', state: 'waiting' })).toBeUndefined();
    expect(valueOf(first, 'tsunagi_reminders_due')).toBeUndefined();
  });

  it('counts a label value that is not a short word as `other` (an id or a text handed in by mistake never becomes a series)', async () => {
    const m = createMetrics({ logger: quietLogger() });
    m.slackCall('chat.postMessage', 'こんにちは 山田さん');
    m.lineCall('get profile of U123 4', '200');
    const { body } = await m.render();
    expect(valueOf(body, 'tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: 'other' })).toBe(1);
    expect(valueOf(body, 'tsunagi_line_api_calls_total', { method: 'other', status: '200' })).toBe(1);
    expect(body).not.toContain('山田');
  });
});
