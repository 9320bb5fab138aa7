import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = PostgresJsDatabase<typeof schema>;

export interface Database {
  db: Db;
  sql: postgres.Sql;
  ping(): Promise<void>;
  close(timeoutSec?: number): Promise<void>;
}

/** The app's pool (postgres.js) wrapped by drizzle. */
export function connectDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'tsunagi' },
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return {
    db,
    sql,
    async ping() {
      await sql`select 1`;
    },
    async close(timeoutSec = 5) {
      await sql.end({ timeout: timeoutSec });
    },
  };
}
