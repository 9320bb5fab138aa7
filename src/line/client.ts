import { messagingApi } from '@line/bot-sdk';
import type { Config } from '../config/env.js';

export interface LineClients {
  messaging: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

/** LINE Messaging API clients pointed at LINE_API_BASE_URL and LINE_DATA_API_BASE_URL. */
export function createLineClients(config: Config): LineClients {
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = config.line;
  return {
    messaging: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl }),
    blob: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl }),
  };
}
