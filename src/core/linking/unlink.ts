import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Contact } from '../model/contacts.js';
import { addNote } from '../notes/outbox.js';

/** Staff end a LINE link (`/case unlink`): nothing more is relayed either way; the thread is told. Undefined when there was no such link. */
export async function unlinkContact(core: Core, caseRow: Pick<Case, 'id'>, contactId: number, by: string): Promise<Contact | undefined> {
  const contact = (await core.store.contacts.ofCase(caseRow.id)).find((c) => c.id === contactId);
  if (!contact || contact.status === 'unlinked') return undefined;
  const row = await core.store.contacts.transition(contact.id, ['pending_consent', 'active', 'declined', 'withdrawn', 'blocked'], 'unlinked', {
    consentWithdrawnAt: core.clock.now(),
  });
  if (!row) return undefined;
  await core.store.audit.record({ actorType: 'slack_user', actorId: by, action: 'contact.unlinked', caseId: caseRow.id, details: { contactId: row.id } });
  await addNote(
    core,
    caseRow.id,
    { kind: 'notice', notice: { type: 'contact_unlinked', contactId: row.id, by } },
    `unlink:${row.id}:${core.clock.now().getTime()}`,
  );
  return row;
}
