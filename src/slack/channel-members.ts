import type { webApi } from '@slack/bolt';

const TTL_MS = 60_000;
/** Per client (one per running app), then per channel. */
const caches = new WeakMap<webApi.WebClient, Map<string, { at: number; members: Set<string> }>>();

/**
 * Whether a user is a member of a channel (conversations.members, cached for a minute). Staff may
 * work on a case only from inside its channel.
 */
export async function isChannelMember(client: webApi.WebClient, channel: string, user: string): Promise<boolean> {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  const hit = cache.get(channel);
  if (hit && Date.now() - hit.at < TTL_MS && hit.members.has(user)) return true;
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const m of res.members ?? []) members.add(m);
    cursor = res.response_metadata?.next_cursor || undefined;
  } while (cursor);
  cache.set(channel, { at: Date.now(), members });
  return members.has(user);
}
