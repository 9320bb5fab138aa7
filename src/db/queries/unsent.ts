import { eq, sql } from 'drizzle-orm';
import type { UnsentStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { preparedFor } from '../prepared.js';
import { unsentLineMessages } from '../schema/unsent-line-messages.js';

/** Looked up for every LINE message (see prepared.ts). */
const hasStatement = preparedFor((db) =>
  db
    .select({ id: unsentLineMessages.lineMessageId })
    .from(unsentLineMessages)
    .where(eq(unsentLineMessages.lineMessageId, sql.placeholder('lineMessageId')))
    .prepare('unsent_line_message'),
);

/** LINE message ids their senders withdrew (core/ports/store.ts). */
export function unsentStore(db: Db): UnsentStore {
  const has = hasStatement(db);
  return {
    async record(lineMessageId) {
      await db.insert(unsentLineMessages).values({ lineMessageId }).onConflictDoNothing();
    },
    async has(lineMessageId) {
      return (await has.execute({ lineMessageId })).length > 0;
    },
  };
}
