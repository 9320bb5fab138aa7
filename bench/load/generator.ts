/**
 * The load generator, a process of its own (so its CPU is not the bench's nor the product's): sends
 * signed LINE webhooks, one text event per request, on a fixed schedule (open loop: a request is sent
 * at its time whether or not earlier ones were answered), and records when each was due, issued and
 * answered. Driven by the bench over IPC (see protocol.ts).
 */
import http from 'node:http';
import { lineTextMessage, lineWebhookBody } from '../../test/fixtures/line-events.js';
import { signLineBody } from '../../test/helpers/sign.js';
import { tokenOf, type BenchMessage, type GeneratorMessage, type RunRequest, type RunResult } from './protocol.js';

const now = () => performance.timeOrigin + performance.now();

function send(message: GeneratorMessage): void {
  process.send?.(message);
}

async function run(req: RunRequest): Promise<RunResult> {
  const url = new URL(req.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.maxSockets });
  // Bodies are built and signed before the clock starts, so the schedule only pays for sending.
  const bodies: Buffer[] = [];
  const signatures: string[] = [];
  const tokens: string[] = [];
  const webhookEventIds: string[] = [];
  const sender = new Int32Array(req.count);
  for (let i = 0; i < req.count; i++) {
    const s = i % req.senders.length;
    const token = tokenOf(req.tokenPrefix, i);
    const event = lineTextMessage({ userId: req.senders[s] as string, text: `bench ${token}` });
    const raw = Buffer.from(JSON.stringify(lineWebhookBody([event])));
    bodies.push(raw);
    signatures.push(signLineBody(req.secret, raw.toString('utf8')));
    tokens.push(token);
    webhookEventIds.push(event.webhookEventId);
    sender[i] = s;
  }
  const intendedAt = new Float64Array(req.count);
  const issuedAt = new Float64Array(req.count).fill(Number.NaN);
  const answeredAt = new Float64Array(req.count).fill(Number.NaN);
  const status = new Int32Array(req.count);
  const errors: Record<string, number> = {};
  const start = now() + 20;
  const interval = 1000 / req.ratePerSec;
  for (let i = 0; i < req.count; i++) intendedAt[i] = start + i * interval;
  const cpuBefore = process.cpuUsage();

  let outstanding = req.count;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const settled = new Uint8Array(req.count);
  const settle = (i: number, code: number, error?: string) => {
    if (settled[i]) return;
    settled[i] = 1;
    status[i] = code;
    if (code > 0) answeredAt[i] = now();
    if (error) errors[error] = (errors[error] ?? 0) + 1;
    if (--outstanding === 0) finish();
  };
  const issue = (i: number) => {
    issuedAt[i] = now();
    const body = bodies[i] as Buffer;
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        timeout: req.timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-line-signature': signatures[i] as string },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(i, res.statusCode ?? 0, (res.statusCode ?? 0) >= 300 ? `HTTP ${res.statusCode}` : undefined));
        res.on('error', (e: NodeJS.ErrnoException) => settle(i, 0, e.code ?? e.message));
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', (e: NodeJS.ErrnoException) => settle(i, 0, e.code ?? e.message));
    request.end(body);
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (next < req.count && (intendedAt[next] as number) <= t) issue(next++);
      if (next >= req.count) return resolve();
      const wait = (intendedAt[next] as number) - now();
      if (wait > 1.5) setTimeout(tick, Math.min(wait - 1, 50));
      else setImmediate(tick);
    };
    setTimeout(tick, Math.max(0, start - now()));
  });
  if (req.count > 0) await finished;
  agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    type: 'result',
    id: req.id,
    tokens,
    webhookEventIds,
    sender,
    intendedAt,
    issuedAt,
    answeredAt,
    status,
    errors,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.on('message', (message: BenchMessage) => {
  if (message.type === 'exit') process.exit(0);
  if (message.type === 'run') {
    run(message).then(send, (error: unknown) => send({ type: 'failed', id: message.id, error: error instanceof Error ? error.message : String(error) }));
  }
});
// The bench going away ends the generator too.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
