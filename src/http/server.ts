import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, HttpError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { serveMetrics, type MetricsEndpoint } from './metrics.js';
import { readRawBody } from './read-body.js';
import { sendJson, sendText } from './respond.js';

export interface Routes {
  /** POST /slack/events: Slack events, commands and interactivity. */
  slack(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void>;
  /** POST /line/webhook. */
  line(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void>;
  /** Named checks for GET /readyz; each rejects when its dependency is unreachable. */
  readiness: Record<string, () => Promise<void>>;
  /** GET /metrics, only with a token on this port (METRICS_TOKEN); absent: 404. */
  metrics?: MetricsEndpoint | undefined;
}

export interface HttpServer {
  port: number;
  /** Makes /readyz answer 503 (called first at shutdown, so load balancers stop sending). */
  markNotReady(): void;
  close(): Promise<void>;
}

const READY_CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** One server, one port: Slack, LINE, health and readiness, and the metrics when a token guards them. */
export async function startHttpServer(routes: Routes, options: { port: number; host: string; bodyLimitBytes: number; logger: Logger }): Promise<HttpServer> {
  const { logger } = options;
  let ready = true;

  const readiness = async (res: ServerResponse) => {
    if (!ready) return sendJson(res, 503, { status: 'shutting_down' });
    const entries = Object.entries(routes.readiness);
    const results = await Promise.allSettled(entries.map(([, check]) => withTimeout(check(), READY_CHECK_TIMEOUT_MS)));
    const checks = Object.fromEntries(entries.map(([name], i) => [name, results[i]?.status === 'fulfilled' ? 'ok' : 'unavailable']));
    const ok = results.every((r) => r.status === 'fulfilled');
    if (!ok) {
      logger.warn({ checks, errors: results.filter((r) => r.status === 'rejected').map((r) => errorMessage(r.reason)) }, 'not ready');
    }
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /healthz':
          return sendJson(res, 200, { status: 'ok' });
        case 'GET /readyz':
          return await readiness(res);
        case 'POST /slack/events':
          return await routes.slack(req, res, await readRawBody(req, options.bodyLimitBytes));
        case 'POST /line/webhook':
          return await routes.line(req, res, await readRawBody(req, options.bodyLimitBytes));
        case 'GET /metrics':
          if (!routes.metrics?.token) return sendJson(res, 404, { error: 'not_found' });
          return await serveMetrics(req, res, routes.metrics);
        default:
          return sendJson(res, 404, { error: 'not_found' });
      }
    } catch (error) {
      if (error instanceof HttpError) {
        logger.warn({ route, status: error.status, code: error.code }, 'request refused');
        return sendJson(res, error.status, { error: error.code });
      }
      logger.error({ route, err: errorMessage(error) }, 'request failed');
      return sendText(res, 500);
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
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
  logger.info({ port }, 'http server listening');

  return {
    port,
    markNotReady() {
      ready = false;
    },
    async close() {
      ready = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
