import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases, type CaseRow } from '../schema/cases.js';
import { contacts, type ContactRole, type ContactRow, type ContactStatus } from '../schema/contacts.js';

export async function findContactById(db: Db, id: number): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

/** Every link of a LINE user, with its case (open cases only unless asked). */
export async function contactsOfLineUser(
  db: Db,
  lineUserId: string,
  options: { statuses?: readonly ContactStatus[]; includeClosedCases?: boolean } = {},
): Promise<Array<{ contact: ContactRow; case: CaseRow }>> {
  const conditions = [eq(contacts.lineUserId, lineUserId)];
  if (options.statuses) conditions.push(inArray(contacts.status, [...options.statuses]));
  if (!options.includeClosedCases) conditions.push(eq(cases.status, 'open'));
  const rows = await db
    .select({ contact: contacts, case: cases })
    .from(contacts)
    .innerJoin(cases, eq(cases.id, contacts.caseId))
    .where(and(...conditions))
    .orderBy(cases.id);
  return rows;
}

export async function contactsOfCase(db: Db, caseId: number, statuses?: readonly ContactStatus[]): Promise<ContactRow[]> {
  const conditions = [eq(contacts.caseId, caseId)];
  if (statuses) conditions.push(inArray(contacts.status, [...statuses]));
  return db.select().from(contacts).where(and(...conditions)).orderBy(contacts.id);
}

/** Links (or re-links) a LINE user to a case, waiting for consent, without an invite (the benchmark's set-up). */
export async function upsertPendingContact(
  db: Db,
  values: { caseId: number; lineUserId: string; role: ContactRole; relation: string | null; displayName: string | null; pictureUrl: string | null },
): Promise<ContactRow> {
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
        status: 'pending_consent',
        consentGivenAt: null,
        consentWithdrawnAt: null,
      },
    })
    .returning();
  if (!row) throw new Error('upsert into contacts returned nothing');
  return row;
}

/**
 * Links (or re-links) a LINE user to a case through `inviteId`, waiting for consent. A contact this
 * invite already linked is left as it is by now (a retried job must not undo an agreement, a refusal
 * or an unlink that happened since): `linked` says whether this call did the linking.
 */
export async function linkContactByInvite(
  db: Db,
  values: {
    caseId: number;
    lineUserId: string;
    role: ContactRole;
    relation: string | null;
    displayName: string | null;
    pictureUrl: string | null;
    inviteId: number;
  },
): Promise<{ contact: ContactRow; linked: boolean }> {
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
}

/** Moves a contact to `status` if it is in one of `from`; returns the updated row, or undefined if it was not. */
export async function transitionContact(
  db: Db,
  contactId: number,
  from: readonly ContactStatus[],
  status: ContactStatus,
  extra: Partial<Pick<ContactRow, 'consentGivenAt' | 'consentWithdrawnAt' | 'displayName' | 'pictureUrl'>> = {},
): Promise<ContactRow | undefined> {
  const [row] = await db
    .update(contacts)
    .set({ status, ...extra })
    .where(and(eq(contacts.id, contactId), inArray(contacts.status, [...from])))
    .returning();
  return row;
}

export async function updateContactProfile(db: Db, contactId: number, displayName: string | null, pictureUrl: string | null): Promise<void> {
  await db.update(contacts).set({ displayName, pictureUrl }).where(and(eq(contacts.id, contactId), ne(contacts.status, 'unlinked')));
}
