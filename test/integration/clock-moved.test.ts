import { afterEach, describe, expect, it } from 'vitest';
import { createCase, runCaseCommand } from '../helpers/journey.js';
import { eventually, startTestApp, TestClock, type TestApp } from '../helpers/test-app.js';

/**
 * When the app's clock moves (a demo's fast-forward; a replica whose clock was behind), what is due
 * by it runs at once: a ping whose queue job still waits in real time, and today's morning digest.
 */
describe('the app clock moved', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const pingsTo = (app: TestApp, user: string, code: string) =>
    app.slack.dmMessages(user).filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'tsunagi_ping' && m.text.includes(code));
  const digestsTo = (app: TestApp, user: string) =>
    app.slack.dmMessages(user).filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'tsunagi_digest');

  it('sends a ping that is due by the app clock although its job was delayed in real time, once', async () => {
    const clock = new TestClock();
    clock.set(new Date('2027-03-09T10:00:00+09:00')); // a Tuesday
    t = await startTestApp({}, { clock });
    const { code } = await createCase(t, 'ミチ', { service: 'A型' });
    expect(await runCaseCommand(t, `remind ${code} 2027-03-09 13:00 母に電話`)).toContain(code);

    clock.set(new Date('2027-03-09T13:30:00+09:00'));
    await t.app.clockMoved();
    await eventually(() => pingsTo(t!, 'U_STAFF', code).length === 1, 8000);
    await t.app.clockMoved();
    await new Promise((r) => setTimeout(r, 1000));
    expect(pingsTo(t, 'U_STAFF', code)).toHaveLength(1);
  });

  it("queues today's digest once when the clock passes its time, and nothing before it", async () => {
    const clock = new TestClock();
    // Started more than two hours after the digest time (08:30): a start within two hours would make up
    // for a lost scheduler by sending today's digest at once, racing the reminder created below.
    clock.set(new Date('2027-03-09T12:00:00+09:00'));
    t = await startTestApp({}, { clock });
    const { code } = await createCase(t, 'ミチ', { service: 'A型' });
    await runCaseCommand(t, `remind ${code} 2027-03-10 15:00 受給者証の更新を確認`);

    clock.set(new Date('2027-03-10T08:00:00+09:00')); // a Wednesday, before 08:30
    await t.app.clockMoved();
    await new Promise((r) => setTimeout(r, 1000));
    expect(digestsTo(t, 'U_STAFF')).toHaveLength(0);

    clock.set(new Date('2027-03-10T08:40:00+09:00'));
    await t.app.clockMoved();
    await t.app.clockMoved();
    const digest = await eventually(() => digestsTo(t!, 'U_STAFF')[0], 8000);
    expect(digest?.text).toContain(code);
    await new Promise((r) => setTimeout(r, 1000));
    expect(digestsTo(t, 'U_STAFF')).toHaveLength(1);
  });
});
