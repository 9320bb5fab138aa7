import type { ThreadView } from '../../../core/ports/views.js';
import type { StaffText } from '../../text/staff-text.js';
import { contextBlock, joinMrkdwn, md, messageText, sectionBlocks } from '../../mrkdwn.js';
import { SECTION_MAX, type SlackPost } from '../post.js';
import { senderLabel } from '../sender.js';

/** The thread's copy of what staff sent to LINE with the 返信 button. */
export function renderStaffSend(view: Extract<ThreadView, { kind: 'staff_send' }>, text: StaffText): SlackPost {
  const head = text.sentCopy(senderLabel(view.recipient), view.staffUserId);
  const quoted = joinMrkdwn(view.body.split('\n').map((line) => md`>${line}`));
  return { text: messageText(md`${head}\n${quoted}`), blocks: [contextBlock(head), ...sectionBlocks(quoted, SECTION_MAX)] };
}
