import { HTTPFetchError } from '@line/bot-sdk';
import type { AppContext } from '../context.js';
import { cleanDisplayName } from '../lib/display-name.js';

/**
 * The LINE display name (cleaned of invisible and reordering characters before it is stored) and
 * picture, or nulls when LINE will not say (not a friend, 404).
 */
export async function lineProfile(ctx: AppContext, userId: string): Promise<{ displayName: string | null; pictureUrl: string | null }> {
  try {
    const p = await ctx.line.messaging.getProfile(userId);
    return { displayName: cleanDisplayName(p.displayName), pictureUrl: p.pictureUrl ?? null };
  } catch (error) {
    if (error instanceof HTTPFetchError && error.status === 404) return { displayName: null, pictureUrl: null };
    throw error;
  }
}
