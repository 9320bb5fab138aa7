import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents } from '../../src/db/schema/index.js';
import { sweepInboundEvents } from '../../src/inbound/sweep.js';
import { createLogger } from '../../src/lib/logger.js';
import { lineTextMessage } from '../fixtures/line-events.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('events stored but never queued (crash between store and enqueue, wiped queue store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const statusOf = async (id: number) => (await t.app.database.sql<{ status: string }[]>`select status from inbound_events where id = ${id}`)[0]?.status;

  it('are found by the sweep, processed once, and a second sweep leaves them alone', async () => {
    const event = lineTextMessage({ userId: 'U_lost', text: '届いていますか' });
    // Written as the webhook writes it, with no job: what a crash right after the insert leaves.
    const [row] = await t.app.database.db
      .insert(inboundEvents)
      .values({
        source: 'line',
        externalId: event.webhookEventId,
        kind: 'message',
        payload: { destination: 'U_bot', event },
        receivedAt: new Date(Date.now() - 60_000),
      })
      .returning({ id: inboundEvents.id });
    if (!row) throw new Error('insert returned nothing');
    expect(await statusOf(row.id)).toBe('received');

    const deps = { db: t.app.database.db, queues: t.app.queues, logger: createLogger('silent') };
    expect(await sweepInboundEvents(deps)).toBe(1);
    await eventually(async () => (await statusOf(row.id)) === 'processed');
    expect(await sweepInboundEvents(deps)).toBe(0);
    const [attempts] = await t.app.database.sql<{ attempts: number }[]>`select attempts from inbound_events where id = ${row.id}`;
    expect(attempts?.attempts).toBe(1);
  });

  it('leaves fresh events to their own job', async () => {
    const event = lineTextMessage({ userId: 'U_fresh', text: 'x' });
    await t.app.database.db.insert(inboundEvents).values({ source: 'line', externalId: event.webhookEventId, kind: 'message', payload: { event } });
    const deps = { db: t.app.database.db, queues: t.app.queues, logger: createLogger('silent') };
    expect(await sweepInboundEvents(deps)).toBe(0);
  });

  it('runs on its own in every process (a timer, not a queue scheduler a wiped queue store would lose)', async () => {
    const own = await startTestApp({ SWEEP_EVERY_MS: '200', INBOUND_SWEEP_MIN_AGE_MS: '0' });
    try {
      const event = lineTextMessage({ userId: 'U_timer', text: 'タイマーで拾われる' });
      const [row] = await own.app.database.db
        .insert(inboundEvents)
        .values({ source: 'line', externalId: event.webhookEventId, kind: 'message', payload: { destination: 'U_bot', event } })
        .returning({ id: inboundEvents.id });
      await eventually(async () => {
        const [r] = await own.app.database.sql<{ status: string }[]>`select status from inbound_events where id = ${row!.id}`;
        return r?.status === 'processed';
      });
      const schedulers = await own.app.queues.raw('inbound').getJobSchedulers();
      expect(schedulers.map((s) => s.key)).not.toContain('inbound-sweep');
    } finally {
      await own.close();
    }
  });
});
