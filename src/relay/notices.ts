import type { AppContext } from '../context.js';
import { insertMessage } from '../db/queries/messages.js';
import type { CaseRow } from '../db/schema/cases.js';
import { enqueueThreadFlush } from './flush-thread.js';

/**
 * Queues a notice from the bot into the case thread, in order with relayed messages. `key` makes it
 * idempotent (a retried job does not post it twice).
 */
export async function postNotice(
  ctx: Pick<AppContext, 'db' | 'queues'>,
  caseRow: Pick<CaseRow, 'id'>,
  key: string,
  body: string,
  meta: Record<string, unknown> = {},
): Promise<void> {
  const { message } = await insertMessage(ctx.db, {
    caseId: caseRow.id,
    direction: 'note',
    kind: 'system',
    body,
    meta,
    idempotencyKey: `note:${key}`,
  });
  await enqueueThreadFlush(ctx, caseRow.id, message.id);
}
