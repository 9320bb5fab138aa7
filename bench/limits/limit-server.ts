/**
 * The limits the product is measured against, a process of its own: a bare `node:http` server that
 * only checks X-Line-Signature and answers 200, and (with a database URL) the same plus one durable
 * INSERT per request (a commit with PostgreSQL's default synchronous_commit) before the 200.
 * Sends `{ port }` to the bench over IPC once listening.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';

const [secret, databaseUrl] = [process.env.BENCH_LINE_SECRET ?? '', process.env.BENCH_DURABLE_URL];
if (!secret) throw new Error('BENCH_LINE_SECRET is required');

function signatureValid(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const sql = databaseUrl ? postgres(databaseUrl, { max: 10, onnotice: () => {} }) : undefined;
if (sql) {
  await sql`create table if not exists bench_ack (id bigserial primary key, external_id text not null, payload jsonb not null, received_at timestamptz not null default now())`;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!signatureValid(body, req.headers['x-line-signature'])) {
      res.writeHead(401).end();
      return;
    }
    if (!sql) {
      res.writeHead(200).end();
      return;
    }
    const events = (JSON.parse(body.toString('utf8')) as { events: Array<{ webhookEventId: string }> }).events;
    const event = events[0];
    if (!event) {
      res.writeHead(200).end();
      return;
    }
    sql`insert into bench_ack (external_id, payload) values (${event.webhookEventId}, ${sql.json(event as never)})`.then(
      () => res.writeHead(200).end(),
      () => res.writeHead(500).end(),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
