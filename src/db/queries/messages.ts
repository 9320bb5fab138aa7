import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';
import { messages, type Attachment, type MessageRow } from '../schema/messages.js';

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
 * What a case's thread still owes: no post yet, or (from LINE) posted but with files still to upload,
 * or withdrawn by the sender with the thread not put right yet. Posts that failed for good are left out.
 */
const owesThreadPost = () =>
  or(
    sql`${messages.meta} ->> 'withdrawal' = 'pending'`,
    and(
      or(isNull(messages.slackTs), and(eq(messages.direction, 'line_to_slack'), eq(messages.deliveryStatus, 'pending'))),
      ne(messages.deliveryStatus, 'withdrawn'),
      sql`${messages.meta} ->> 'threadPost' is distinct from 'failed'`,
    ),
  );

/** The case's messages its thread still owes (see owesThreadPost), in case order. */
export async function messagesAwaitingThreadPost(db: Db, caseId: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.caseId, caseId), owesThreadPost()))
    .orderBy(asc(messages.seq));
}

/** Cases whose thread owes a message not touched since `before` (its flush job may be lost). */
export async function casesOwingThreadPosts(db: Db, before: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .selectDistinct({ caseId: messages.caseId })
    .from(messages)
    .where(and(owesThreadPost(), lt(messages.updatedAt, before)))
    .limit(limit);
  return rows.map((r) => r.caseId);
}

/** Staff messages to LINE still waiting for their push, not touched since `before`. */
export async function pushesOwed(db: Db, before: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.direction, 'slack_to_line'), eq(messages.deliveryStatus, 'pending'), lt(messages.updatedAt, before)))
    .orderBy(asc(messages.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Merges `patch` into a message's meta in one statement (never overwriting keys others wrote meanwhile). */
export async function mergeMessageMeta(db: Db, id: number, patch: Record<string, unknown>): Promise<void> {
  await db
    .update(messages)
    .set({ meta: sql`${messages.meta} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(messages.id, id));
}

/** Records a message's files as copied so far, unless the sender withdrew it meanwhile (then false). */
export async function updateAttachmentsUnlessWithdrawn(db: Db, id: number, attachments: Attachment[]): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ attachments })
    .where(and(eq(messages.id, id), ne(messages.deliveryStatus, 'withdrawn')))
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** Marks a message's thread post finished, unless the sender withdrew it meanwhile (then false). */
export async function markThreadPostDone(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ deliveryStatus: 'delivered', deliveredAt: now })
    .where(and(eq(messages.id, id), ne(messages.deliveryStatus, 'withdrawn')))
    .returning({ id: messages.id });
  return rows.length > 0;
}

/**
 * Records that the sender withdrew a message: text and files gone, meta reduced to what putting the
 * thread right needs (the Slack files to delete; when a post attempt got no answer). Returns the row,
 * or undefined when it was withdrawn already.
 */
export async function withdrawMessage(db: Db, id: number): Promise<MessageRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(messages).where(eq(messages.id, id)).for('update');
    if (!row || row.deliveryStatus === 'withdrawn') return undefined;
    const filesToDelete = row.attachments.flatMap((a) => [a.slackFileId, a.pendingFileId]).filter((f): f is string => Boolean(f) && f !== 'uploaded');
    const meta: Record<string, unknown> = { withdrawn: true, withdrawal: 'pending', filesToDelete: [...new Set(filesToDelete)] };
    if (typeof row.meta.noAnswerAt === 'string') meta.noAnswerAt = row.meta.noAnswerAt;
    const [updated] = await tx
      .update(messages)
      .set({ body: null, attachments: [], meta, deliveryStatus: 'withdrawn', deliveryError: null })
      .where(eq(messages.id, id))
      .returning();
    return updated;
  });
}

/**
 * Sets a message whose thread post failed for good owed again (再送する): the flush posts it next.
 * True when it was failed.
 */
export async function reopenFailedThreadPost(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({
      meta: sql`${messages.meta} - 'threadPost'`,
      deliveryStatus: sql`case when ${messages.direction} = 'line_to_slack' then 'pending' else ${messages.deliveryStatus} end`,
      deliveryError: sql`case when ${messages.direction} = 'line_to_slack' then null else ${messages.deliveryError} end`,
    })
    .where(and(eq(messages.id, id), sql`${messages.meta} ->> 'threadPost' = 'failed'`, ne(messages.deliveryStatus, 'withdrawn')))
    .returning({ id: messages.id });
  return rows.length > 0;
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
