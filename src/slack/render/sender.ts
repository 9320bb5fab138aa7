import type { Sender } from '../../core/ports/views.js';
import { senderLabel } from '../../core/notes/sender-label.js';

const ROLE_ICON: Record<string, string> = { 本人: '🙂', 家族: '👪', 関係機関: '🏥' };

export { senderLabel };

export function senderIcon(sender: Pick<Sender, 'role'>): string {
  return ROLE_ICON[sender.role] ?? '💬';
}
