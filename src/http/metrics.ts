import { createHash, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { sendJson, sendText } from './respond.js';

/** GET /metrics: the text to serve, and the token a scraper must show (undefined: none asked). */
export interface MetricsEndpoint {
  /** Required as `Authorization: Bearer <token>` when set. */
  token: string | undefined;
  render(): Promise<{ contentType: string; body: string }>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether the request carries the token, compared in constant time (of equal-length digests). */
function bearerMatches(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/** Answers GET /metrics: 401 without the right token (when one is asked), else the metrics. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, endpoint: MetricsEndpoint): Promise<void> {
  if (endpoint.token !== undefined && !bearerMatches(req, endpoint.token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  const { contentType, body } = await endpoint.render();
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * A listener of its own for /metrics (METRICS_PORT), bound to METRICS_HOST (127.0.0.1 by default): a
 * Prometheus on the same machine or network scrapes it, and the reverse proxy that exposes the main
 * port never forwards it. It serves nothing else.
 */
export async function startMetricsServer(
  endpoint: MetricsEndpoint,
  options: { port: number; host: string; logger: Logger },
): Promise<{ port: number; close(): Promise<void> }> {
  const { logger } = options;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || path !== '/metrics') return sendJson(res, 404, { error: 'not_found' });
    serveMetrics(req, res, endpoint).catch((error: unknown) => {
      logger.error({ route: 'GET /metrics', err: errorMessage(error) }, 'request failed');
      sendText(res, 500);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: options.host }, 'metrics listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
