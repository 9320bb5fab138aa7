/**
 * What PostgreSQL counts for the product's database: commits and rows (pg_stat_database, always
 * there), and per statement (pg_stat_statements, where it is loaded).
 */
import type postgres from 'postgres';

export interface DatabaseCounters {
  commits: number;
  rollbacks: number;
  rowsReturned: number;
  rowsFetched: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
}

export async function databaseCounters(sql: postgres.Sql): Promise<DatabaseCounters> {
  // Statistics are flushed by each backend at most once a second: a pause makes the reading settle.
  const [row] = await sql<Array<Record<string, string>>>`
    select xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
    from pg_stat_database where datname = current_database()`;
  const n = (k: string) => Number(row?.[k] ?? Number.NaN);
  return {
    commits: n('xact_commit'),
    rollbacks: n('xact_rollback'),
    rowsReturned: n('tup_returned'),
    rowsFetched: n('tup_fetched'),
    rowsInserted: n('tup_inserted'),
    rowsUpdated: n('tup_updated'),
    rowsDeleted: n('tup_deleted'),
  };
}

export interface TableCounters {
  table: string;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
  indexRowsFetched: number;
  inserted: number;
  updated: number;
  deleted: number;
}

/** Per table of the product's database (its own schema and the queue backend's): scans and rows. */
export async function tableCounters(sql: postgres.Sql): Promise<Map<string, TableCounters>> {
  const rows = await sql<Array<Record<string, string>>>`
    select schemaname || '.' || relname as t, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx_scan, coalesce(idx_tup_fetch, 0) as idx_tup_fetch,
           n_tup_ins, n_tup_upd, n_tup_del
    from pg_stat_user_tables`;
  return new Map(
    rows.map((r) => [
      r.t as string,
      {
        table: r.t as string,
        seqScans: Number(r.seq_scan),
        seqRowsRead: Number(r.seq_tup_read),
        indexScans: Number(r.idx_scan),
        indexRowsFetched: Number(r.idx_tup_fetch),
        inserted: Number(r.n_tup_ins),
        updated: Number(r.n_tup_upd),
        deleted: Number(r.n_tup_del),
      },
    ]),
  );
}

/** Per message, the tables that read the most rows between `a` and `b` (sequential scans first: they grow with the table). */
export function tablesPerMessage(a: Map<string, TableCounters>, b: Map<string, TableCounters>, messages: number, limit = 8): TableCounters[] {
  const per = (x: number) => (messages > 0 ? x / messages : Number.NaN);
  const out: TableCounters[] = [];
  for (const [name, after] of b) {
    const before = a.get(name);
    const d = (k: keyof Omit<TableCounters, 'table'>) => per(after[k] - (before?.[k] ?? 0));
    out.push({
      table: name,
      seqScans: d('seqScans'),
      seqRowsRead: d('seqRowsRead'),
      indexScans: d('indexScans'),
      indexRowsFetched: d('indexRowsFetched'),
      inserted: d('inserted'),
      updated: d('updated'),
      deleted: d('deleted'),
    });
  }
  return out.sort((x, y) => y.seqRowsRead + y.indexRowsFetched - (x.seqRowsRead + x.indexRowsFetched)).slice(0, limit);
}

/** Per message: counters(b) − counters(a), divided by `messages`. */
export function countersPerMessage(a: DatabaseCounters, b: DatabaseCounters, messages: number): DatabaseCounters {
  const out = {} as DatabaseCounters;
  for (const key of Object.keys(a) as Array<keyof DatabaseCounters>) out[key] = messages > 0 ? (b[key] - a[key]) / messages : Number.NaN;
  return out;
}

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Sent by a client (a round trip), or run inside a function another statement called. */
  toplevel: boolean;
  /** calls ÷ messages relayed in the window. */
  callsPerMessage: number;
}

/** Whether pg_stat_statements can be read on this database (loaded at PostgreSQL's start and created here). */
export async function statementsAvailable(sql: postgres.Sql): Promise<{ available: boolean; why: string }> {
  const [preload] = await sql<Array<{ setting: string }>>`select setting from pg_settings where name = 'shared_preload_libraries'`;
  if (!preload?.setting.includes('pg_stat_statements')) {
    return {
      available: false,
      why: `shared_preload_libraries is '${preload?.setting ?? ''}': pg_stat_statements is not loaded (it needs a restart of PostgreSQL)`,
    };
  }
  const [ext] = await sql`select 1 from pg_extension where extname = 'pg_stat_statements'`;
  if (!ext) return { available: false, why: 'the pg_stat_statements extension is not created in this database' };
  return { available: true, why: '' };
}

export async function resetStatements(sql: postgres.Sql): Promise<void> {
  await sql`select pg_stat_statements_reset()`;
}

/** The statements of this database that took the most time, since the last reset. */
export async function topStatements(
  sql: postgres.Sql,
  messages: number,
  limit = 20,
): Promise<{ statements: StatementStat[]; sentByCalls: StatementStat[]; roundTrips: number; nestedCalls: number; totalMs: number }> {
  const rows = await sql<Array<{ query: string; calls: string; total: number; mean: number; rows: string; toplevel: boolean }>>`
    select regexp_replace(query, '\\s+', ' ', 'g') as query, calls::text as calls, total_exec_time as total, mean_exec_time as mean, rows::text as rows, toplevel
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = current_database() and query not like '%pg_stat_statements%'
    order by total_exec_time desc`;
  const all = rows.map((r) => ({
    query: r.query.length > 220 ? `${r.query.slice(0, 220)}…` : r.query,
    calls: Number(r.calls),
    totalMs: r.total,
    meanMs: r.mean,
    rows: Number(r.rows),
    toplevel: r.toplevel,
    callsPerMessage: messages > 0 ? Number(r.calls) / messages : Number.NaN,
  }));
  return {
    statements: all.slice(0, limit),
    // What is sent most often: the round trips a relayed message costs, statement by statement.
    sentByCalls: all
      .filter((r) => r.toplevel)
      .sort((a, b) => b.calls - a.calls)
      .slice(0, 30),
    roundTrips: all.filter((r) => r.toplevel).reduce((s, r) => s + r.calls, 0),
    nestedCalls: all.filter((r) => !r.toplevel).reduce((s, r) => s + r.calls, 0),
    // Nested statements' time is inside their caller's: only top-level time adds up.
    totalMs: all.filter((r) => r.toplevel).reduce((s, r) => s + r.totalMs, 0),
  };
}
