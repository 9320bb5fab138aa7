import type { Contact } from '../model/contacts.js';
import { cleanDisplayName } from '../../lib/display-name.js';

const ROLE_ICON: Record<string, string> = { 本人: '🙂', 家族: '👪', 関係機関: '🏥' };

/**
 * "家族（母）山田花子": how a LINE contact is named in the thread (role first, then relation and LINE
 * name). Raw text, cleaned of invisible and reordering characters; Slack text escapes it where shown.
 */
export function senderLabel(contact: Pick<Contact, 'role' | 'relation' | 'displayName'>): string {
  const relation = cleanDisplayName(contact.relation);
  const name = cleanDisplayName(contact.displayName);
  return `${contact.role}${relation ? `（${relation}）` : ''}${name ? ` ${name}` : ''}`;
}

export function senderIcon(contact: Pick<Contact, 'role'>): string {
  return ROLE_ICON[contact.role] ?? '💬';
}
