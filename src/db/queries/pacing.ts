import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

/**
 * Reserves the next posting slot of a Slack channel, `intervalMs` after the previous one (or now),
 * and returns how long to wait for it (by the database's clock, shared by every replica). One
 * statement, so concurrent workers and replicas each get their own slot.
 */
export async function reserveChannelSlot(db: Db, channelId: string, intervalMs: number): Promise<number> {
  const interval = intervalMs / 1000;
  const rows = await db.execute<{ wait_ms: string | number }>(sql`
    insert into channel_pacing (channel_id, next_at)
    values (${channelId}, clock_timestamp() + make_interval(secs => ${interval}))
    on conflict (channel_id) do update
      set next_at = greatest(channel_pacing.next_at, clock_timestamp()) + make_interval(secs => ${interval})
    returning greatest(0, extract(epoch from (next_at - make_interval(secs => ${interval}) - clock_timestamp())) * 1000) as wait_ms`);
  return Number(rows[0]?.wait_ms ?? 0);
}

/** After a 429: nobody posts to the channel for `seconds`. */
export async function holdChannel(db: Db, channelId: string, seconds: number): Promise<void> {
  await db.execute(sql`
    insert into channel_pacing (channel_id, next_at) values (${channelId}, clock_timestamp() + make_interval(secs => ${seconds}))
    on conflict (channel_id) do update
      set next_at = greatest(channel_pacing.next_at, clock_timestamp() + make_interval(secs => ${seconds}))`);
}
