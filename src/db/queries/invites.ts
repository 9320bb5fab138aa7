import { and, count, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { InviteStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { inviteAttempts } from '../schema/invite-attempts.js';
import { invites } from '../schema/invites.js';

/** The invite store (core/ports/store.ts) on PostgreSQL. */
export function inviteStore(db: Db): InviteStore {
  return {
    async create(values) {
      const [row] = await db.insert(invites).values(values).returning();
      if (!row) throw new Error('insert into invites returned nothing');
      return row;
    },

    /**
     * Marks the invite stored under one of `codeHashes` used by this LINE event, if it is unused and
     * unexpired: single use even under races. Idempotency is keyed on the inbound event, not on the
     * user: a retried job of the event that used the code gets it back; any other event presenting a
     * used code does not redeem it (an unlinked person cannot come back with their old code).
     */
    async redeem(codeHashes, by, now) {
      if (codeHashes.length === 0) return { outcome: 'invalid' };
      const [row] = await db
        .update(invites)
        .set({ usedAt: now, usedByLineUserId: by.lineUserId, usedByInboundEventId: by.inboundEventId })
        .where(and(inArray(invites.codeHash, [...codeHashes]), isNull(invites.usedAt), gt(invites.expiresAt, now)))
        .returning();
      if (row) return { outcome: 'redeemed', invite: row };
      const [used] = await db
        .select()
        .from(invites)
        .where(and(inArray(invites.codeHash, [...codeHashes]), isNotNull(invites.usedAt)));
      if (used?.usedByInboundEventId === by.inboundEventId) return { outcome: 'redeemed', invite: used };
      if (used?.usedByLineUserId === by.lineUserId) return { outcome: 'used_by_sender', invite: used };
      return { outcome: 'invalid' };
    },

    async recordAttempt(lineUserId, success, at) {
      await db.insert(inviteAttempts).values({ lineUserId, success, at });
    },

    async failedAttemptsSince(lineUserId, since) {
      const [row] = await db
        .select({ n: count() })
        .from(inviteAttempts)
        .where(and(eq(inviteAttempts.lineUserId, lineUserId), eq(inviteAttempts.success, false), gt(inviteAttempts.at, since)));
      return row?.n ?? 0;
    },
  };
}
