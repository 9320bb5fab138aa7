import { HTTPFetchError } from '@line/bot-sdk';
import type { AppContext } from '../context.js';

/** The LINE display name and picture, or nulls when LINE will not say (not a friend, 404). */
export async function lineProfile(ctx: AppContext, userId: string): Promise<{ displayName: string | null; pictureUrl: string | null }> {
  try {
    const p = await ctx.line.messaging.getProfile(userId);
    return { displayName: p.displayName ?? null, pictureUrl: p.pictureUrl ?? null };
  } catch (error) {
    if (error instanceof HTTPFetchError && error.status === 404) return { displayName: null, pictureUrl: null };
    throw error;
  }
}
