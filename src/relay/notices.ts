import type { AppContext } from '../context.js';
import { insertMessage } from '../db/queries/messages.js';
import type { CaseRow } from '../db/schema/cases.js';
import { slackText, type SlackTextInput } from '../slack/mrkdwn.js';
import { enqueueThreadFlush } from './flush-thread.js';

/**
 * Queues a notice from the bot into the case thread, in order with relayed messages. `key` makes it
 * idempotent (a retried job does not post it twice). The body is stored as rendered Slack text
 * (a plain string is escaped), which the thread flush posts as it is.
 */
export async function postNotice(
  ctx: Pick<AppContext, 'db' | 'queues'>,
  caseRow: Pick<CaseRow, 'id'>,
  key: string,
  body: SlackTextInput,
  meta: Record<string, unknown> = {},
): Promise<void> {
  const { message } = await insertMessage(ctx.db, {
    caseId: caseRow.id,
    direction: 'note',
    kind: 'system',
    body: slackText(body),
    meta,
    idempotencyKey: `note:${key}`,
  });
  await enqueueThreadFlush(ctx, caseRow.id, message.id);
}
