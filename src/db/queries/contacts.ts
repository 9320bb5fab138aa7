import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ContactStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';
import { contacts } from '../schema/contacts.js';

/** The contact store (core/ports/store.ts) on PostgreSQL. */
export function contactStore(db: Db): ContactStore {
  return {
    byId: async (id) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0],

    async ofLineUser(lineUserId, options = {}) {
      const conditions = [eq(contacts.lineUserId, lineUserId)];
      if (options.statuses) conditions.push(inArray(contacts.status, [...options.statuses]));
      if (!options.includeClosedCases) conditions.push(eq(cases.status, 'open'));
      return db
        .select({ contact: contacts, case: cases })
        .from(contacts)
        .innerJoin(cases, eq(cases.id, contacts.caseId))
        .where(and(...conditions))
        .orderBy(cases.id);
    },

    async ofCase(caseId, statuses) {
      const conditions = [eq(contacts.caseId, caseId)];
      if (statuses) conditions.push(inArray(contacts.status, [...statuses]));
      return db
        .select()
        .from(contacts)
        .where(and(...conditions))
        .orderBy(contacts.id);
    },

    /**
     * Links (or re-links) a LINE user to a case through `inviteId`, waiting for consent. A contact this
     * invite already linked is left as it is by now: `linked` says whether this call did the linking.
     */
    async linkByInvite(values) {
      const [row] = await db
        .insert(contacts)
        .values({ ...values, status: 'pending_consent' })
        .onConflictDoUpdate({
          target: [contacts.caseId, contacts.lineUserId],
          set: {
            role: values.role,
            relation: values.relation,
            displayName: values.displayName,
            pictureUrl: values.pictureUrl,
            inviteId: values.inviteId,
            status: 'pending_consent',
            consentGivenAt: null,
            consentWithdrawnAt: null,
          },
          setWhere: sql`${contacts.inviteId} is distinct from ${values.inviteId}`,
        })
        .returning();
      if (row) return { contact: row, linked: true };
      const [existing] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.caseId, values.caseId), eq(contacts.lineUserId, values.lineUserId)));
      if (!existing) throw new Error('contact neither linked nor found');
      return { contact: existing, linked: false };
    },

    async transition(contactId, from, status, extra = {}) {
      const [row] = await db
        .update(contacts)
        .set({ status, ...extra })
        .where(and(eq(contacts.id, contactId), inArray(contacts.status, [...from])))
        .returning();
      return row;
    },
  };
}
