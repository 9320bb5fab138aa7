/**
 * Reminders at scale: many pending reminders put straight into the database (the rows the product
 * would have made: cases, reminders, one pending ping each), then a start of the product measured
 * (to /readyz, to its reconcile's log line), the pings due in one minute fired (skew of each DM
 * against its time), and the memory each pending reminder takes.
 */
import fs from 'node:fs/promises';
import { redisPrefixUsage, SERVICES_REDIS_URL } from '../databases.js';
import { memoryOf } from '../proc.js';
import type { Session } from '../session.js';
import { summarize, type LatencySummary } from '../stats.js';

export interface RemindersResult {
  pending: number;
  due: number;
  insertMs: number;
  /** From the spawn of the product to /readyz answering, ms. */
  readyMs: number;
  /** From the spawn to the log line "reminder jobs reconciled" (the start's reconcile done), ms; null if never logged. */
  reconcileMs: number | null;
  /** What that line says (jobs created, removed, promoted). */
  reconciled: Record<string, number> | null;
  /** Pings due within the minute that were DMed, and their skew (DM posted − due), ms. */
  fired: number;
  skewMs: LatencySummary;
  duplicates: number;
  /** Memory: node RSS with the reminders minus an empty start, per 1,000 pending; queue store bytes per job; table bytes per reminder. */
  nodeRssEmptyMb: number;
  nodeRssLoadedMb: number;
  nodeRssPer1000Mb: number;
  queueJobs: number;
  queueBytes: number;
  queueBytesPerJob: number;
  tableBytesPerReminder: number;
}

/** Inserts `pending` open reminders with one pending ping each; `due` of them fire `dueInSec` from now. Returns the due ping ids. */
async function insertReminders(s: Session, pending: number, due: number, dueInSec: number): Promise<Map<number, number>> {
  const sql = s.product.sql;
  const perCase = 10;
  const caseCount = Math.ceil(pending / perCase);
  await sql.begin(async (tx) => {
    await tx`
      insert into cases (code, label, slack_channel_id, slack_thread_ts, responsible_user_id)
      select 'C-' || (900000 + g), 'bench' || g, 'CREM' || lpad((g % 100)::text, 4, '0'), (1700000000 + g) || '.000100', 'UREM' || (g % 1000)
      from generate_series(1, ${caseCount}) g`;
    // Due in 3 to 362 days (their pings a day before): nothing else fires during the bench.
    await tx`
      with c as (select id, row_number() over (order by id) - 1 as n from cases where code like 'C-9%')
      insert into reminders (case_id, kind, rule, title, due_day, due_at, assignee_user_id, created_by, idempotency_key)
      select c.id, 'task', 'custom', 'bench reminder', (now() + (3 + g % 360) * interval '1 day')::date,
             now() + (3 + g % 360) * interval '1 day', 'UREM' || (g % 1000), 'bench', 'bench:' || g
      from generate_series(0, ${pending - 1}) g join c on c.n = g / ${perCase}`;
    await tx`
      insert into reminder_pings (reminder_id, kind, label, fire_at)
      select id, 'lead', '当日', due_at - interval '1 day' from reminders where created_by = 'bench'`;
    // The due ones: the first `due` reminders, one assignee each, all due at the same moment.
    await tx`
      update reminder_pings p set fire_at = now() + ${dueInSec} * interval '1 second'
      from (select id from reminders where created_by = 'bench' order by id limit ${due}) r where p.reminder_id = r.id`;
  });
  const rows = await sql<Array<{ id: string; fire_ms: number }>>`
    select id::text, extract(epoch from fire_at) * 1000 as fire_ms from reminder_pings where fire_at < now() + interval '1 hour'`;
  return new Map(rows.map((r) => [Number(r.id), Number(r.fire_ms)]));
}

/** The time of the first log line with this message after `since` (epoch ms), and its fields. */
async function logLine(file: string, msg: string, since: number): Promise<{ at: number; fields: Record<string, unknown> } | undefined> {
  const text = await fs.readFile(file, 'utf8');
  for (const line of text.split('\n')) {
    if (!line.includes(msg)) continue;
    try {
      const entry = JSON.parse(line) as { time: string; msg: string } & Record<string, unknown>;
      const at = Date.parse(entry.time);
      if (entry.msg === msg && at >= since) return { at, fields: entry };
    } catch {
      // Not a JSON log line (the product's own output is JSON; anything else is not ours to read).
    }
  }
  return undefined;
}

export async function measureReminders(
  s: Session,
  o: { pending: number; due: number; dueAfterSec: number; logFile: string; log: (l: string) => void },
): Promise<RemindersResult> {
  // The baseline: a start on the same database, migrated and empty (the first start also ran the migrations).
  await s.stopProduct();
  await s.startAgain({ REMINDER_RECONCILE_EVERY_SECONDS: '3600' });
  const emptyRss = (await memoryOf(s.product.pid))?.rssMb ?? Number.NaN;
  const insertStart = Date.now();
  const dueIds = await insertReminders(s, o.pending, o.due, o.dueAfterSec);
  const insertMs = Date.now() - insertStart;
  o.log(`  inserted ${o.pending} pending reminders in ${(insertMs / 1000).toFixed(1)} s; ${dueIds.size} due in ${o.dueAfterSec} s; restarting the product`);
  await s.stopProduct();
  const product = await s.startAgain({ REMINDER_RECONCILE_EVERY_SECONDS: '60' });
  const reconciled = await logLine(o.logFile, 'reminder jobs reconciled', product.spawnedAt);
  const loadedRss = (await memoryOf(product.pid))?.rssMb ?? Number.NaN;
  o.log(
    `  start with ${o.pending} pending: /readyz after ${(product.readyMs / 1000).toFixed(1)} s; reconcile logged after ${reconciled ? ((reconciled.at - product.spawnedAt) / 1000).toFixed(1) : '—'} s`,
  );

  // Queue store: the jobs the start created.
  let queueBytes: number;
  if (s.mode === 'services') {
    queueBytes = (await redisPrefixUsage(SERVICES_REDIS_URL, s.redisPrefix)).bytes;
  } else {
    const [row] = await product.sql<Array<{ bytes: string }>>`
      select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'bullmq' and c.relkind = 'r'`;
    queueBytes = Number(row?.bytes ?? 0);
  }
  const queueJobs = Number(reconciled?.fields.created ?? 0);
  const [tables] = await product.sql<
    Array<{ bytes: string }>
  >`select (pg_total_relation_size('reminders') + pg_total_relation_size('reminder_pings'))::text as bytes`;

  const lastDue = Math.max(...dueIds.values());
  const seen = () => s.fakes.watcher.pings.filter((p) => dueIds.has(p.pingId));
  await s.fakes.watcher.until(() => new Set(seen().map((p) => p.pingId)).size >= dueIds.size, Math.min(Math.max(0, lastDue - Date.now()), 600_000) + 120_000);
  const firstDm = new Map<number, number>();
  let duplicates = 0;
  for (const p of seen()) {
    if (firstDm.has(p.pingId)) duplicates += 1;
    else firstDm.set(p.pingId, p.at);
  }
  const skews = [...firstDm].map(([id, at]) => at - (dueIds.get(id) as number));
  const r: RemindersResult = {
    pending: o.pending,
    due: dueIds.size,
    insertMs,
    readyMs: product.readyMs,
    reconcileMs: reconciled ? reconciled.at - product.spawnedAt : null,
    reconciled: reconciled ? Object.fromEntries(['created', 'removed', 'promoted'].map((k) => [k, Number(reconciled.fields[k] ?? 0)])) : null,
    fired: firstDm.size,
    skewMs: summarize(skews),
    duplicates,
    nodeRssEmptyMb: emptyRss,
    nodeRssLoadedMb: loadedRss,
    nodeRssPer1000Mb: ((loadedRss - emptyRss) * 1000) / o.pending,
    queueJobs,
    queueBytes,
    queueBytesPerJob: queueJobs > 0 ? queueBytes / queueJobs : Number.NaN,
    tableBytesPerReminder: Number(tables?.bytes ?? 0) / o.pending,
  };
  o.log(
    `  ${r.fired} of ${r.due} due pings DMed: skew p50 ${(r.skewMs.p50 / 1000).toFixed(2)} s, p99 ${(r.skewMs.p99 / 1000).toFixed(2)} s; ${duplicates} duplicate DM(s)`,
  );
  return r;
}
