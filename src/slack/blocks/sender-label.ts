import type { ContactRow } from '../../db/schema/contacts.js';

const ROLE_ICON: Record<string, string> = { 本人: '🙂', 家族: '👪', 関係機関: '🏥' };

/** "家族（母）山田花子": how a LINE contact is named in the thread (role first, then relation and LINE name). */
export function senderLabel(contact: Pick<ContactRow, 'role' | 'relation' | 'displayName'>): string {
  const relation = contact.relation ? `（${contact.relation}）` : '';
  const name = contact.displayName ? ` ${contact.displayName}` : '';
  return `${contact.role}${relation}${name}`;
}

export function senderIcon(contact: Pick<ContactRow, 'role'>): string {
  return ROLE_ICON[contact.role] ?? '💬';
}
