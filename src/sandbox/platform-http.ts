import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a stand-in sees it: the parsed URL and the whole body. */
export interface StandinRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type StandinHandler = (req: StandinRequest, res: ServerResponse) => Promise<void> | void;

export interface Listener {
  /** `http://HOST:PORT` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 60 * 1024 * 1024;

/** A plain HTTP listener (stand-in APIs, the page). A handler that throws answers 500 with the message. */
export async function listen(handler: StandinHandler, o: { host: string; port: number; onError?: (error: unknown) => void }): Promise<Listener> {
  const server: Server = createServer((raw, res) => {
    readBody(raw)
      .then((body) => handler({ method: raw.method ?? 'GET', url: new URL(raw.url ?? '/', 'http://localhost'), headers: raw.headers, body }, res))
      .catch((error: unknown) => {
        o.onError?.(error);
        if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  return {
    origin: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
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

export function parseJson(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
