/**
 * The guarantees, checked on every run: every acknowledged message posted exactly once, in its own
 * case's thread, each case's posts in the product's order (messages.seq), nothing lost. What is not
 * posted yet must still be owed by the database (a bounded wait after a saturating step); when the
 * bench waited for the backlog to drain, nothing may be left.
 */
import type postgres from 'postgres';
import type { PostWatcher } from './fakes.js';
import { acknowledged, type SentMessage } from './ledger.js';
import type { BenchCase } from './setup-cases.js';

export interface DeliveryCheck {
  sent: number;
  acknowledged: number;
  /** Stored by the product (acknowledged or not: a request that timed out may still have been stored). */
  stored: number;
  posted: number;
  duplicates: number;
  wrongThread: number;
  /** Posts of a case that came before a post the product ordered earlier (messages.seq). */
  outOfOrder: number;
  /** Messages not posted while a later message of the same case was. */
  gaps: number;
  /** Not posted yet, still owed by the database (only allowed when the bench did not wait for the drain). */
  owed: number;
  /** Acknowledged, yet neither posted nor held as owed by the database. */
  lost: number;
  /** Given up by the product (failed after every attempt). */
  failed: number;
  /** Informational: per case, pairs of messages relayed in the opposite order of their sending (both were in flight at once). */
  sendOrderInversions: number;
  problems: string[];
}

interface StoredRow {
  idempotency_key: string;
  case_id: number;
  seq: string;
  delivery_status: string;
}

export async function checkDelivery(
  messages: SentMessage[],
  o: { watcher: PostWatcher; cases: BenchCase[]; sql: postgres.Sql; drained: boolean },
): Promise<DeliveryCheck> {
  // Read in the order the product writes, so that a message moving on meanwhile is never missed: an
  // event still waiting (then owed), else its message row (committed before the event is marked
  // processed), else its post (in the fake before the row says delivered). Hence events first, then
  // messages, then the posts.
  const byEventId = new Map(messages.map((m) => [`line:${m.webhookEventId}`, m]));
  const inboundPending = new Set<string>();
  const inboundFailed = new Set<string>();
  const eventIds = messages.map((m) => m.webhookEventId);
  for (let i = 0; i < eventIds.length; i += 5000) {
    const found = await o.sql<Array<{ external_id: string; status: string }>>`
      select external_id, status from inbound_events where source = 'line' and external_id = any(${eventIds.slice(i, i + 5000)}) and status <> 'processed'`;
    for (const r of found) (r.status === 'failed' ? inboundFailed : inboundPending).add(r.external_id);
  }
  const rows: StoredRow[] = [];
  const keys = [...byEventId.keys()];
  for (let i = 0; i < keys.length; i += 5000) {
    rows.push(
      ...(await o.sql<
        StoredRow[]
      >`select idempotency_key, case_id, seq::text as seq, delivery_status from messages where idempotency_key = any(${keys.slice(i, i + 5000)})`),
    );
  }
  o.watcher.poll();
  const stored = new Map<string, StoredRow>();
  for (const r of rows) stored.set((byEventId.get(r.idempotency_key) as SentMessage).token, r);

  const check: DeliveryCheck = {
    sent: messages.length,
    acknowledged: messages.filter(acknowledged).length,
    stored: stored.size + inboundPending.size,
    posted: 0,
    duplicates: 0,
    wrongThread: 0,
    outOfOrder: 0,
    gaps: 0,
    owed: 0,
    lost: 0,
    failed: inboundFailed.size,
    sendOrderInversions: 0,
    problems: [],
  };
  const lostTokens: string[] = [];
  const perCase = new Map<number, Array<{ m: SentMessage; seq: number; at: number | undefined }>>();
  for (const m of messages) {
    const posts = o.watcher.byToken.get(m.token) ?? [];
    const row = stored.get(m.token);
    const c = o.cases[m.caseIndex] as BenchCase;
    if (posts.length > 0) check.posted += 1;
    if (posts.length > 1) check.duplicates += posts.length - 1;
    check.wrongThread += posts.filter((p) => p.channel !== c.channel || p.threadTs !== c.threadTs).length;
    if (row?.delivery_status === 'failed') check.failed += 1;
    if (posts.length === 0) {
      const owedInDb = (row !== undefined && row.delivery_status === 'pending') || inboundPending.has(m.webhookEventId);
      if (owedInDb) check.owed += 1;
      else if (acknowledged(m) || row !== undefined) {
        check.lost += 1;
        lostTokens.push(`${m.token} (${row ? `message ${row.delivery_status}` : 'no message row'}, HTTP ${m.status})`);
      }
    }
    if (row) {
      const list = perCase.get(m.caseIndex) ?? [];
      list.push({ m, seq: Number(row.seq), at: posts[0]?.at });
      perCase.set(m.caseIndex, list);
    }
  }
  for (const list of perCase.values()) {
    // The product's order of the case; posts must follow it with no message skipped.
    list.sort((a, b) => a.seq - b.seq);
    const postedInProductOrder = list.filter((x) => x.at !== undefined);
    for (let i = 1; i < postedInProductOrder.length; i++) {
      if ((postedInProductOrder[i]!.at as number) < (postedInProductOrder[i - 1]!.at as number)) check.outOfOrder += 1;
    }
    const lastPosted = list.reduce((last, x, i) => (x.at !== undefined ? i : last), -1);
    check.gaps += list.slice(0, lastPosted).filter((x) => x.at === undefined).length;
    for (let i = 1; i < list.length; i++) if (list[i]!.m.intendedAt < list[i - 1]!.m.intendedAt) check.sendOrderInversions += 1;
  }
  if (check.duplicates) check.problems.push(`${check.duplicates} duplicate post(s)`);
  if (check.wrongThread) check.problems.push(`${check.wrongThread} post(s) in the wrong thread`);
  if (check.outOfOrder) check.problems.push(`${check.outOfOrder} post(s) out of the product's order`);
  if (check.gaps) check.problems.push(`${check.gaps} message(s) skipped while a later one of the same case was posted`);
  if (check.lost) check.problems.push(`${check.lost} acknowledged message(s) lost (neither posted nor owed): ${lostTokens.slice(0, 5).join(', ')}`);
  if (check.failed) check.problems.push(`${check.failed} message(s) given up by the product`);
  if (o.drained && check.owed) check.problems.push(`${check.owed} message(s) still not posted after the drain`);
  return check;
}
