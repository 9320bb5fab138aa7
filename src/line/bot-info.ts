import type { AppContext } from '../context.js';
import type { LineClients } from './client.js';

/** Per client (one per running app), so two apps in one process never share an answer. */
const cache = new WeakMap<LineClients, { basicId: string; at: number }>();
const TTL_MS = 3600_000;

/** The office account's LINE ID (@xxxx), for add-friend links. Asked from LINE once an hour. */
export async function lineBotBasicId(ctx: Pick<AppContext, 'line'>): Promise<string> {
  const cached = cache.get(ctx.line);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.basicId;
  const info = await ctx.line.messaging.getBotInfo();
  cache.set(ctx.line, { basicId: info.basicId, at: Date.now() });
  return info.basicId;
}
