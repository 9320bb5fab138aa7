import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('GET /healthz and /readyz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 200 when the process is up and its database and queue are reachable', async () => {
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
  });

  it('answers 404 to unknown paths and methods', async () => {
    expect((await fetch(`${t.baseUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/line/webhook`)).status).toBe(404);
  });

  it('answers 503 naming the database when it is unreachable (healthz stays 200)', async () => {
    await t.app.database.close();
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable', queue: 'ok' } });
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});
