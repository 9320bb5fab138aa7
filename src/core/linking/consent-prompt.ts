import type { Contact } from '../model/contacts.js';
import type { FamilyMessage } from '../ports/line-side.js';
import type { ChannelSharing } from '../ports/slack-side.js';
import { outsideOrganisations, sharingTag } from './sharing.js';

/** What is shared with whom (naming the organisations outside the office, if any), then 同意する / 同意しない. */
export function consentPrompt(contact: Pick<Contact, 'id' | 'role'>, sharing: ChannelSharing): FamilyMessage {
  return { type: 'consent_prompt', contactId: contact.id, role: contact.role, outside: outsideOrganisations(sharing), tag: sharingTag(sharing) };
}
