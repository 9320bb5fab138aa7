/**
 * A Tsunagi backup file: gzip of UTF-8 text, readable with `gunzip -c` (it holds people's data: keep
 * it as safe as the database). Its lines:
 *
 *   TSUNAGI-BACKUP 1                          the format and its version
 *   {"createdAt": …, "schema": …, "tables": [{"name","columns","rows"}…], "sequences": […]}
 *   {"table":"public.cases","rows":3}         for each table, in the manifest's order (parents first):
 *   <rows in PostgreSQL's COPY text format>   one line per row (tabs between columns, \N for null,
 *   \.                                         newlines and backslashes escaped), ended by a line `\.`
 *   …
 *   {"end":true}                              a file cut short lacks this line
 *
 * COPY's text format escapes every backslash in the data, so a line that is exactly `\.` only ever
 * ends a table's rows.
 */

export const ARCHIVE_MAGIC = 'TSUNAGI-BACKUP';
export const ARCHIVE_VERSION = 1;
export const TABLE_END = '\\.';
export const ARCHIVE_END = JSON.stringify({ end: true });

export interface ArchiveTable {
  /** schema.table, e.g. public.cases or drizzle.__drizzle_migrations. */
  name: string;
  /** The columns stored, in order (generated columns are left out: PostgreSQL computes them again). */
  columns: string[];
  rows: number;
}

export interface ArchiveSequence {
  /** schema.sequence, e.g. public.cases_id_seq or public.case_code_seq. */
  name: string;
  /** null: never used (nextval not called yet). */
  lastValue: string | null;
  startValue: string;
}

export interface ArchiveManifest {
  createdAt: string;
  /** The database's migrations when the backup was made: how many, and the last one's drizzle time and tag (the schema version). */
  schema: { migrations: number; lastMigrationAt: number | null; lastMigrationTag: string | null };
  /** Every table of the app (schema public) and drizzle's migrations table, parents before children. */
  tables: ArchiveTable[];
  sequences: ArchiveSequence[];
}

/** A table section's first line. */
export const tableHeader = (table: ArchiveTable): string => JSON.stringify({ table: table.name, rows: table.rows });

/** `schema.name` with both parts quoted for SQL. */
export function quoteQualified(name: string): string {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)].map(quoteIdent).join('.');
}

export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export class BackupFormatError extends Error {
  readonly code = 'backup_format';
}
