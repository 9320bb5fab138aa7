import { eq } from 'drizzle-orm';
import type { UnsentStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { unsentLineMessages } from '../schema/unsent-line-messages.js';

/** LINE message ids their senders withdrew (core/ports/store.ts). */
export function unsentStore(db: Db): UnsentStore {
  return {
    async record(lineMessageId) {
      await db.insert(unsentLineMessages).values({ lineMessageId }).onConflictDoNothing();
    },
    async has(lineMessageId) {
      const rows = await db
        .select({ id: unsentLineMessages.lineMessageId })
        .from(unsentLineMessages)
        .where(eq(unsentLineMessages.lineMessageId, lineMessageId));
      return rows.length > 0;
    },
  };
}
