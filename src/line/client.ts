import { messagingApi } from '@line/bot-sdk';
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
 * LINE Messaging API clients pointed at LINE_API_BASE_URL and LINE_DATA_API_BASE_URL. The SDK has
 * no timeout of its own, so every call is bounded by API_TIMEOUT_MS: a worker never hangs on LINE.
 */
export function createLineClients(config: Config): LineClients {
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = config.line;
  return {
    messaging: withTimeouts(new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl }), config.apiTimeoutMs),
    blob: withTimeouts(new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl }), config.apiTimeoutMs),
  };
}

function withTimeouts<T extends object>(client: T, ms: number): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let timer: NodeJS.Timeout | undefined;
        const call = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LineTimeoutError(String(prop), ms)), ms);
        });
        return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
      };
    },
  });
}
