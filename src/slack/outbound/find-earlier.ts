import type { webApi } from '@slack/bolt';

/** Where to look: a case thread, or a whole channel (a DM). */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

export interface ScannedMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: Array<{ id?: string; name?: string }>;
}

/**
 * Reads the messages of a thread (conversations.replies) or a channel (conversations.history) posted
 * since `since` (less a minute for clock skew), page by page, until `visit` returns a value. Used to
 * find what an earlier attempt posted but never recorded, so that it is not posted again.
 */
export async function scanSince<T>(
  client: webApi.WebClient,
  place: SlackPlace,
  since: Date,
  visit: (m: ScannedMessage) => T | undefined,
): Promise<T | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  let cursor: string | undefined;
  do {
    const page = { channel: place.channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
    const res = place.threadTs ? await client.conversations.replies({ ...page, ts: place.threadTs }) : await client.conversations.history(page);
    for (const m of (res.messages ?? []) as ScannedMessage[]) {
      const found = visit(m);
      if (found !== undefined) return found;
    }
    cursor = res.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/** The ts of a message posted since `since` whose metadata has `eventType` and a payload `matches` accepts. */
export function findTaggedSince(
  client: webApi.WebClient,
  place: SlackPlace,
  since: Date,
  eventType: string,
  matches: (payload: Record<string, unknown>) => boolean,
): Promise<string | undefined> {
  return scanSince(client, place, since, (m) => (m.ts && m.metadata?.event_type === eventType && matches(m.metadata.event_payload ?? {}) ? m.ts : undefined));
}
