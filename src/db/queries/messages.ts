import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { messageDetailsSchema, noteSchema, type Attachment, type Message, type PushFailureReason } from '../../core/model/messages.js';
import type { MessageStore, NewMessage } from '../../core/ports/store.js';
import { PermanentError } from '../../lib/errors.js';
import type { Db } from '../client.js';
import { preparedFor } from '../prepared.js';
import { cases } from '../schema/cases.js';
import { messages, type MessageRow } from '../schema/messages.js';
import { records } from '../schema/records.js';

/** A row as the core sees it: its typed JSON (details, note) checked against their schemas. */
function toMessage(row: MessageRow): Message {
  const note = row.note === null ? null : noteSchema.safeParse(row.note);
  if (note && !note.success) throw new PermanentError('note_invalid', `message ${row.id} holds a note of an unknown shape`);
  const details = row.details === null ? null : messageDetailsSchema.safeParse(row.details);
  return { ...row, note: note ? note.data : null, details: details?.success ? details.data : null };
}

const first = (rows: MessageRow[]): Message | undefined => (rows[0] ? toMessage(rows[0]) : undefined);

/** Thrown inside insertMessage's transaction when the key was stored before: its numbering is undone. */
class StoredBefore extends Error {}

/**
 * Stores a message with the next number of its case (the case row is locked while numbering, so
 * concurrent inserts for one case get increasing numbers in commit order). Idempotent on
 * `idempotencyKey`: inserting the same key again returns the stored row (the transaction that found
 * it is rolled back, so the case's numbering has no gap). The usual first insert costs two statements.
 */
export async function insertMessage(db: Db, values: NewMessage): Promise<{ message: Message; created: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      const [numbered] = await tx
        .update(cases)
        .set({ lastMessageSeq: sql`${cases.lastMessageSeq} + 1` })
        .where(eq(cases.id, values.caseId))
        .returning({ seq: cases.lastMessageSeq });
      if (!numbered) throw new PermanentError('case_missing', `case ${values.caseId} does not exist`);
      const [row] = await tx
        .insert(messages)
        .values({ ...values, seq: numbered.seq })
        .onConflictDoNothing({ target: messages.idempotencyKey })
        .returning();
      if (!row) throw new StoredBefore();
      return { message: toMessage(row), created: true };
    });
  } catch (error) {
    if (!(error instanceof StoredBefore)) throw error;
    const [stored] = await db.select().from(messages).where(eq(messages.idempotencyKey, values.idempotencyKey));
    if (!stored) throw new Error('message vanished after a conflicting insert', { cause: error });
    return { message: toMessage(stored), created: false };
  }
}

/**
 * What a case's thread still owes: no post yet, or (from LINE) posted but with files still to copy,
 * or withdrawn by the sender with the thread not put right yet. Posts that failed for good are left out.
 */
const owesThreadPost = () =>
  or(
    eq(messages.withdrawal, 'owed'),
    and(
      or(isNull(messages.slackTs), and(eq(messages.direction, 'line_to_slack'), eq(messages.deliveryStatus, 'pending'))),
      ne(messages.deliveryStatus, 'withdrawn'),
      eq(messages.postFailed, false),
    ),
  );

/** The statements of every thread post (see prepared.ts). */
const statements = preparedFor((db) => {
  // Shown in full by the post itself: into the thread, not withdrawn, no files to copy, and a time given.
  const shownNow = sql`(${sql.placeholder('at')}::timestamptz is not null and ${messages.direction} <> 'slack_to_line' and ${messages.deliveryStatus} <> 'withdrawn' and jsonb_array_length(${messages.attachments}) = 0)`;
  return {
    owedInThread: db
      .select()
      .from(messages)
      .where(and(eq(messages.caseId, sql.placeholder('caseId')), owesThreadPost()))
      .orderBy(asc(messages.seq))
      .prepare('messages_owed_in_thread'),
    postStarted: db
      .update(messages)
      .set({ slackPostStartedAt: sql`${sql.placeholder('at')}::timestamptz`, updatedAt: sql`now()` })
      .where(eq(messages.id, sql.placeholder('id')))
      .prepare('message_post_started'),
    /** recordPost: the card version and the time shown are null when not given (then left as they are). */
    recordPost: db
      .update(messages)
      .set({
        slackTs: sql`${sql.placeholder('ts')}`,
        slackChannelId: sql`${sql.placeholder('channel')}`,
        cardVersion: sql`coalesce(${sql.placeholder('cardVersion')}::integer, ${messages.cardVersion})`,
        deliveryStatus: sql`case when ${shownNow} then 'delivered' else ${messages.deliveryStatus} end`,
        deliveredAt: sql`case when ${shownNow} then ${sql.placeholder('at')}::timestamptz else ${messages.deliveredAt} end`,
        updatedAt: sql`now()`,
      })
      .where(eq(messages.id, sql.placeholder('id')))
      .returning()
      .prepare('message_post_recorded'),
  };
});

/** The message store (core/ports/store.ts) on PostgreSQL. */
export function messageStore(db: Db): MessageStore {
  const prepared = statements(db);
  const patch = async (id: number, values: Partial<typeof messages.$inferInsert>) => {
    await db.update(messages).set(values).where(eq(messages.id, id));
  };
  /** A contact's LINE messages in a case, up to `upToId` when given, not marked read on LINE yet. */
  const unreadOf = (caseId: number, contactId: number, upToId?: number) =>
    and(
      eq(messages.caseId, caseId),
      eq(messages.contactId, contactId),
      eq(messages.direction, 'line_to_slack'),
      isNull(messages.readMarkedAt),
      ...(upToId === undefined ? [] : [lte(messages.id, upToId)]),
    );
  return {
    insert: (values) => insertMessage(db, values),
    latestUnread: async (caseId, contactId, upToId) =>
      first(
        await db
          .select()
          .from(messages)
          .where(and(unreadOf(caseId, contactId, upToId), isNotNull(messages.markAsReadToken)))
          .orderBy(desc(messages.id))
          .limit(1),
      ),
    async markRead(caseId, contactId, upToId, at) {
      const rows = await db
        .update(messages)
        .set({ readMarkedAt: at })
        .where(unreadOf(caseId, contactId, upToId))
        .returning({ id: messages.id });
      return rows.length;
    },
    byId: async (id) => first(await db.select().from(messages).where(eq(messages.id, id))),
    byLineId: async (lineMessageId) => (await db.select().from(messages).where(eq(messages.lineMessageId, lineMessageId))).map(toMessage),
    bySlackTs: async (channelId, ts) =>
      first(
        await db
          .select()
          .from(messages)
          .where(and(eq(messages.slackChannelId, channelId), eq(messages.slackTs, ts))),
      ),

    owedInThread: async (caseId) => (await prepared.owedInThread.execute({ caseId })).map(toMessage),

    async casesOwingThreadPosts(before, limit = 500) {
      const rows = await db
        .selectDistinct({ caseId: messages.caseId })
        .from(messages)
        .where(and(owesThreadPost(), lt(messages.updatedAt, before)))
        .limit(limit);
      return rows.map((r) => r.caseId);
    },

    async pushesOwed(before, limit = 500) {
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.direction, 'slack_to_line'), eq(messages.deliveryStatus, 'pending'), lt(messages.updatedAt, before)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async cardsOwed(before, limit = 500) {
      const rows = await db
        .select({ recordId: records.id, version: records.version })
        .from(records)
        .innerJoin(messages, eq(messages.id, records.cardMessageId))
        .where(and(isNotNull(messages.slackTs), sql`coalesce(${messages.cardVersion}, 1) < ${records.version}`, lt(records.updatedAt, before)))
        .limit(limit);
      return rows;
    },

    postStarted: async (id, at) => {
      await prepared.postStarted.execute({ id, at: at.toISOString() });
    },
    postGotNoAnswer: (id, at) => patch(id, { postNoAnswerAt: at }),

    recordPost: async (id, place, cardVersion, shownAt) =>
      first(
        await prepared.recordPost.execute({ id, ts: place.ts, channel: place.channel, cardVersion: cardVersion ?? null, at: shownAt?.toISOString() ?? null }),
      ),

    async updateAttachments(id, attachments: Attachment[]) {
      const rows = await db
        .update(messages)
        .set({ attachments })
        .where(and(eq(messages.id, id), ne(messages.deliveryStatus, 'withdrawn')))
        .returning({ id: messages.id });
      return rows.length > 0;
    },

    async markShown(id, at) {
      const rows = await db
        .update(messages)
        .set({ deliveryStatus: 'delivered', deliveredAt: at })
        .where(and(eq(messages.id, id), ne(messages.deliveryStatus, 'withdrawn')))
        .returning({ id: messages.id });
      return rows.length > 0;
    },

    async markPostFailed(id, code) {
      const [row] = await db
        .update(messages)
        .set({
          postFailed: true,
          postFailures: sql`${messages.postFailures} + 1`,
          deliveryStatus: sql`case when ${messages.direction} = 'line_to_slack' and ${messages.deliveryStatus} <> 'withdrawn' then 'failed' else ${messages.deliveryStatus} end`,
          deliveryError: sql`case when ${messages.direction} = 'line_to_slack' and ${messages.deliveryStatus} <> 'withdrawn' then ${code} else ${messages.deliveryError} end`,
        })
        .where(eq(messages.id, id))
        .returning({ failures: messages.postFailures });
      return row?.failures ?? 0;
    },

    async reopenPost(id) {
      const rows = await db
        .update(messages)
        .set({
          postFailed: false,
          deliveryStatus: sql`case when ${messages.direction} = 'line_to_slack' then 'pending' else ${messages.deliveryStatus} end`,
          deliveryError: sql`case when ${messages.direction} = 'line_to_slack' then null else ${messages.deliveryError} end`,
        })
        .where(and(eq(messages.id, id), eq(messages.postFailed, true), ne(messages.deliveryStatus, 'withdrawn')))
        .returning({ id: messages.id });
      return rows.length > 0;
    },

    async withdraw(id) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(messages).where(eq(messages.id, id)).for('update');
        if (!row || row.deliveryStatus === 'withdrawn') return undefined;
        const files = row.attachments.flatMap((a) => [a.slackFileId, a.pendingFileId]).filter((f): f is string => Boolean(f) && f !== 'uploaded');
        const [updated] = await tx
          .update(messages)
          .set({
            body: null,
            attachments: [],
            details: null,
            deliveryStatus: 'withdrawn',
            deliveryError: null,
            withdrawal: 'owed',
            filesToDelete: [...new Set(files)],
          })
          .where(eq(messages.id, id))
          .returning();
        return updated ? toMessage(updated) : undefined;
      });
    },

    withdrawalSettled: (id, state) => patch(id, { withdrawal: state, filesToDelete: [] }),
    setCardVersion: (id, version) => patch(id, { cardVersion: version }),
    pushProgress: (id, requestsDone) => patch(id, { pushRequestsDone: requestsDone }),

    async markDelivered(id, at) {
      const rows = await db
        .update(messages)
        .set({ deliveryStatus: 'delivered', deliveredAt: at, deliveryError: null })
        .where(and(eq(messages.id, id), ne(messages.deliveryStatus, 'withdrawn')))
        .returning();
      return first(rows);
    },

    async markPushFailed(id, reason: PushFailureReason) {
      const [row] = await db
        .update(messages)
        .set({ deliveryStatus: 'failed', deliveryError: reason, pushFailures: sql`${messages.pushFailures} + 1` })
        .where(and(eq(messages.id, id), eq(messages.deliveryStatus, 'pending')))
        .returning({ failures: messages.pushFailures });
      return row?.failures;
    },

    async reopenPush(id) {
      const rows = await db
        .update(messages)
        .set({ deliveryStatus: 'pending', deliveryError: null })
        .where(and(eq(messages.id, id), eq(messages.direction, 'slack_to_line'), eq(messages.deliveryStatus, 'failed')))
        .returning({ id: messages.id });
      return rows.length > 0;
    },

    async conversation(caseId, range = {}) {
      const rows = await db
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
      return rows.map(toMessage);
    },

    async fileRecorded(fileId) {
      const rows = await db.execute(
        sql`select 1 from ${messages} where ${messages.attachments} @> ${JSON.stringify([{ slackFileId: fileId }])}::jsonb limit 1`,
      );
      return rows.length > 0;
    },
  };
}
