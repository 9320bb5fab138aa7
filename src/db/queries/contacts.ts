import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ContactStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { preparedFor } from '../prepared.js';
import { cases, type CaseRow } from '../schema/cases.js';
import { contacts, type ContactRow } from '../schema/contacts.js';

/** A contact by id: read for every relayed message's post (see prepared.ts). */
const byIdStatement = preparedFor((db) =>
  db
    .select()
    .from(contacts)
    .where(eq(contacts.id, sql.placeholder('id')))
    .prepare('contact_by_id'),
);

/** ofLineUser's statement for one set of options. */
interface OfLineUserStatement {
  execute(values: { lineUserId: string }): Promise<Array<{ contact: ContactRow; case: CaseRow }>>;
}

/** The contact store (core/ports/store.ts) on PostgreSQL. */
export function contactStore(db: Db): ContactStore {
  const byId = byIdStatement(db);
  const ofLineUserStatements = new Map<string, OfLineUserStatement>();
  return {
    byId: async (id) => (await byId.execute({ id }))[0],

    async ofLineUser(lineUserId, options = {}) {
      // Every LINE message asks with the same options: one prepared statement per set of options.
      const shape = `${options.statuses?.join(',') ?? '*'}|${options.includeClosedCases ? 'all' : 'open'}`;
      let statement = ofLineUserStatements.get(shape);
      if (!statement) {
        const conditions = [eq(contacts.lineUserId, sql.placeholder('lineUserId'))];
        if (options.statuses) conditions.push(inArray(contacts.status, [...options.statuses]));
        if (!options.includeClosedCases) conditions.push(eq(cases.status, 'open'));
        statement = db
          .select({ contact: contacts, case: cases })
          .from(contacts)
          .innerJoin(cases, eq(cases.id, contacts.caseId))
          .where(and(...conditions))
          .orderBy(cases.id)
          .prepare(`contacts_of_line_user_${ofLineUserStatements.size}`);
        ofLineUserStatements.set(shape, statement);
      }
      return statement.execute({ lineUserId });
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
