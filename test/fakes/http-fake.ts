/**
 * Shared plumbing for the fake Slack and LINE APIs: a `node:http` server on 127.0.0.1 (free port),
 * whole-body reading, JSON/text answers, per-key fault queues, cancellable delays and polling.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake sees it: the parsed URL and the complete body. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  raw: IncomingMessage;
}

export type RequestHandler = (req: FakeRequest, res: ServerResponse) => Promise<void> | void;

/** A started HTTP server; `origin` is `http://127.0.0.1:PORT`. */
export class FakeHttpServer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  /** Listens on 127.0.0.1, port 0. Errors thrown by `handler` answer 500 with the message. */
  static async start(handler: RequestHandler): Promise<FakeHttpServer> {
    const server = createServer((raw, res) => {
      readBody(raw)
        .then((body) => {
          const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
          return handler({ method: raw.method ?? 'GET', url, headers: raw.headers, body, raw }, res);
        })
        .catch((error: unknown) => {
          if (!res.headersSent && !res.destroyed) {
            sendJson(res, 500, { fakeError: error instanceof Error ? error.message : String(error) });
          }
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return new FakeHttpServer(server, `http://127.0.0.1:${port}`);
  }

  /** Resolves after `ms`; never resolves once the server is closed (the request is abandoned). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Stops listening, cancels pending delays and destroys every open socket (keep-alive included). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closing;
  }
}

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length, ...headers });
  res.end(payload);
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer | string, contentType: string, headers: Record<string, string> = {}): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': payload.length, ...headers });
  res.end(payload);
}

/** Closes the connection without any answer (the client sees a socket hang-up / ECONNRESET). */
export function dropConnection(res: ServerResponse): void {
  res.socket?.destroy();
}

/** Parses a body as JSON; `undefined` when empty or not JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Faults queued per key (an API method or route), consumed one per request, in order. */
export class FaultQueue<F> {
  private readonly queues = new Map<string, F[]>();

  push(key: string, faults: F[]): void {
    const queue = this.queues.get(key) ?? [];
    queue.push(...faults);
    this.queues.set(key, queue);
  }

  take(key: string): F | undefined {
    return this.queues.get(key)?.shift();
  }

  /** Faults still waiting for `key` (useful to assert they were all consumed). */
  pending(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** Polls `predicate` every 20 ms until it returns a truthy value, which is resolved; rejects after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Empties an array in place, so references held by tests stay valid. */
export function clearArray(array: unknown[]): void {
  array.length = 0;
}
