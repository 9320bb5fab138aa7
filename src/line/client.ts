import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Config } from '../config/env.js';
import { AppError } from '../lib/errors.js';

export interface LineClients {
  messaging: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

/** A LINE call that got no answer in time: retryable (pushes carry retry keys, so a late success is not repeated). */
export class LineTimeoutError extends AppError {
  constructor(method: string, ms: number) {
    super('line_timeout', `LINE ${method} gave no answer within ${ms} ms`);
  }
}

/**
 * Counts one call of LINE's Messaging API (for /metrics): the client's method (`pushMessage`) and how
 * it ended: the HTTP status LINE answered (`200`, `409`, `429`), `timeout` when no answer came within
 * API_TIMEOUT_MS, `network_error` when none came at all. Never an argument of the call.
 */
export type LineCallRecorder = (method: string, status: string) => void;

/**
 * LINE Messaging API clients pointed at LINE_API_BASE_URL and LINE_DATA_API_BASE_URL. The SDK has
 * no timeout of its own, so every call is bounded by API_TIMEOUT_MS: a worker never hangs on LINE.
 * With `recordCall`, every call is counted as it ends.
 */
export function createLineClients(config: Config, recordCall?: LineCallRecorder): LineClients {
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = config.line;
  return {
    messaging: withTimeouts(new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl }), config.apiTimeoutMs, recordCall),
    blob: withTimeouts(new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl }), config.apiTimeoutMs, recordCall),
  };
}

function withTimeouts<T extends object>(client: T, ms: number, recordCall: LineCallRecorder | undefined): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const method = String(prop);
        let ended = false;
        // Counted once: as it ended, or as a timeout (an answer after the timeout is not counted again).
        const end = (status: string) => {
          if (ended) return;
          ended = true;
          recordCall?.(method, status);
        };
        let timer: NodeJS.Timeout | undefined;
        const call = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)).then(
          (result) => {
            end('200');
            return result;
          },
          (error: unknown) => {
            end(error instanceof HTTPFetchError ? String(error.status) : 'network_error');
            throw error;
          },
        );
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            end('timeout');
            reject(new LineTimeoutError(method, ms));
          }, ms);
        });
        return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
      };
    },
  });
}
