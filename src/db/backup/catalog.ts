import type postgres from 'postgres';

/** A pool, or one connection inside a transaction. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

/** The schemas a backup covers: the app's tables (public) and drizzle's record of applied migrations. */
export const APP_SCHEMA = 'public';
export const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

export interface TableInfo {
  name: string;
  columns: string[];
}

export interface ForeignKey {
  /** The table holding the reference (schema.table). */
  child: string;
  parent: string;
  constraint: string;
  /** pg_get_constraintdef: what re-creates it. */
  definition: string;
}

/** Ordinary tables of the app's schema and drizzle's migrations table (if there), with their stored columns. */
export async function appTables(sql: Queryable): Promise<TableInfo[]> {
  const rows = await sql<{ name: string; columns: string[] }[]>`
    select n.nspname || '.' || c.relname as name,
           array_agg(a.attname::text order by a.attnum) filter (where a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid
     where c.relkind in ('r', 'p')
       and not c.relispartition
       and (n.nspname = ${APP_SCHEMA} or (n.nspname || '.' || c.relname) = ${MIGRATIONS_TABLE})
     group by n.nspname, c.relname
     order by 1`;
  return rows.map((r) => ({ name: r.name, columns: r.columns ?? [] }));
}

/** Foreign keys between the app's tables. */
export async function foreignKeys(sql: Queryable): Promise<ForeignKey[]> {
  return sql<ForeignKey[]>`
    select cn.nspname || '.' || cc.relname as child,
           pn.nspname || '.' || pc.relname as parent,
           con.conname as constraint,
           pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
      join pg_class cc on cc.oid = con.conrelid
      join pg_namespace cn on cn.oid = cc.relnamespace
      join pg_class pc on pc.oid = con.confrelid
      join pg_namespace pn on pn.oid = pc.relnamespace
     where con.contype = 'f' and cn.nspname = ${APP_SCHEMA}
     order by 1, 3`;
}

/** Sequences of the app's schema and drizzle's (serial ids, case codes), with their state now. */
export async function sequenceStates(sql: Queryable): Promise<Array<{ name: string; lastValue: string | null; startValue: string }>> {
  return sql<Array<{ name: string; lastValue: string | null; startValue: string }>>`
    select schemaname || '.' || sequencename as name, last_value::text as "lastValue", start_value::text as "startValue"
      from pg_sequences
     where schemaname in (${APP_SCHEMA}, 'drizzle')
     order by 1`;
}

/**
 * Tables ordered parents first (a referenced table before the tables that reference it), by name
 * among equals. Tables in a cycle of references (none today) come last, by name: a restore loads
 * them with the references between them checked at the end (see restore.ts).
 */
export function parentsFirst(tables: string[], keys: ForeignKey[]): string[] {
  const remaining = new Set(tables);
  const ordered: string[] = [];
  const parentsOf = (t: string) => keys.filter((k) => k.child === t && k.parent !== t && remaining.has(k.parent)).map((k) => k.parent);
  for (;;) {
    const ready = [...remaining].filter((t) => parentsOf(t).length === 0).sort();
    if (ready.length === 0) break;
    for (const t of ready) remaining.delete(t);
    ordered.push(...ready);
  }
  return [...ordered, ...[...remaining].sort()];
}
