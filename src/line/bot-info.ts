import type { AppContext } from '../context.js';

let cached: { basicId: string; at: number } | undefined;
const TTL_MS = 3600_000;

/** The office account's LINE ID (@xxxx), for add-friend links. Asked from LINE once an hour. */
export async function lineBotBasicId(ctx: Pick<AppContext, 'line'>): Promise<string> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.basicId;
  const info = await ctx.line.messaging.getBotInfo();
  cached = { basicId: info.basicId, at: Date.now() };
  return info.basicId;
}
