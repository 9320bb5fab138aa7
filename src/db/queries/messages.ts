import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';
import { messages, type MessageRow } from '../schema/messages.js';

export type NewMessage = Omit<typeof messages.$inferInsert, 'id' | 'seq' | 'createdAt' | 'updatedAt'>;

/**
 * Stores a message with the next number of its case (the case row is locked while numbering, so
 * concurrent inserts for one case get increasing numbers in commit order). Idempotent on
 * `idempotencyKey`: inserting the same key again returns the stored row.
 */
export async function insertMessage(db: Db, values: NewMessage): Promise<{ message: MessageRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(messages).where(eq(messages.idempotencyKey, values.idempotencyKey));
    if (existing) return { message: existing, created: false };
    const [numbered] = await tx
      .update(cases)
      .set({ lastMessageSeq: sql`${cases.lastMessageSeq} + 1` })
      .where(eq(cases.id, values.caseId))
      .returning({ seq: cases.lastMessageSeq });
    if (!numbered) throw new Error(`case ${values.caseId} does not exist`);
    const [row] = await tx
      .insert(messages)
      .values({ ...values, seq: numbered.seq })
      .onConflictDoNothing({ target: messages.idempotencyKey })
      .returning();
    if (row) return { message: row, created: true };
    const [raced] = await tx.select().from(messages).where(eq(messages.idempotencyKey, values.idempotencyKey));
    if (!raced) throw new Error('message vanished after a conflicting insert');
    return { message: raced, created: false };
  });
}

export async function findMessageById(db: Db, id: number): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

export async function findMessageByLineId(db: Db, lineMessageId: string): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.lineMessageId, lineMessageId));
}

export async function findMessageBySlackTs(db: Db, channelId: string, ts: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.slackChannelId, channelId), eq(messages.slackTs, ts)));
  return row;
}

/**
 * The case's messages whose thread post is not finished, in case order: no post yet, or (from LINE)
 * posted but with files still to upload. Posts that failed for good are left out.
 */
export async function messagesAwaitingThreadPost(db: Db, caseId: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.caseId, caseId),
        or(isNull(messages.slackTs), and(eq(messages.direction, 'line_to_slack'), eq(messages.deliveryStatus, 'pending'))),
        sql`${messages.meta} ->> 'threadPost' is distinct from 'failed'`,
      ),
    )
    .orderBy(asc(messages.seq));
}

export async function updateMessage(db: Db, id: number, values: Partial<Omit<MessageRow, 'id' | 'caseId' | 'seq'>>): Promise<void> {
  await db.update(messages).set(values).where(eq(messages.id, id));
}

/** A case's messages exchanged with LINE (both directions, not the bot's notes), in time order, optionally within a range. */
export async function conversationOfCase(db: Db, caseId: number, range: { from?: Date; to?: Date } = {}): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.caseId, caseId),
        inArray(messages.direction, ['line_to_slack', 'slack_to_line']),
        range.from ? gte(messages.createdAt, range.from) : undefined,
        range.to ? lt(messages.createdAt, range.to) : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
}
