import { and, asc, eq, gt } from 'drizzle-orm';
import type { IncomingLineMessage } from '../../core/model/messages.js';
import type { CaseChoiceStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { caseChoices, heldMessages } from '../schema/case-choices.js';

/** A held message as stored (JSON): its instant back to a Date. */
const revive = (m: IncomingLineMessage): IncomingLineMessage => ({ ...m, sentAt: new Date(m.sentAt) });

/** Which case a person linked to several cases writes about, and what waits for that answer (core/ports/store.ts). */
export function caseChoiceStore(db: Db): CaseChoiceStore {
  return {
    async current(lineUserId, now) {
      const [row] = await db
        .select({ caseId: caseChoices.caseId })
        .from(caseChoices)
        .where(and(eq(caseChoices.lineUserId, lineUserId), gt(caseChoices.expiresAt, now)));
      return row?.caseId;
    },
    async remember(lineUserId, caseId, expiresAt) {
      await db.insert(caseChoices).values({ lineUserId, caseId, expiresAt }).onConflictDoUpdate({ target: caseChoices.lineUserId, set: { caseId, expiresAt } });
    },
    async hold(lineUserId, inboundEventId, message) {
      await db.insert(heldMessages).values({ lineUserId, inboundEventId, lineMessageId: message.lineMessageId, message }).onConflictDoNothing();
    },
    async held(lineUserId) {
      const rows = await db
        .select({ id: heldMessages.id, inboundEventId: heldMessages.inboundEventId, message: heldMessages.message })
        .from(heldMessages)
        .where(eq(heldMessages.lineUserId, lineUserId))
        .orderBy(asc(heldMessages.id));
      return rows.map((r) => ({ ...r, message: revive(r.message) }));
    },
    async release(id) {
      await db.delete(heldMessages).where(eq(heldMessages.id, id));
    },
    async dropHeld(lineUserId, lineMessageId) {
      const rows = await db
        .delete(heldMessages)
        .where(and(eq(heldMessages.lineUserId, lineUserId), eq(heldMessages.lineMessageId, lineMessageId)))
        .returning({ id: heldMessages.id });
      return rows.length > 0;
    },
  };
}
