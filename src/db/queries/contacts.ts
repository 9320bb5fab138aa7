import { and, eq, inArray, ne } from 'drizzle-orm';
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

/** Links (or re-links) a LINE user to a case, waiting for consent. */
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
