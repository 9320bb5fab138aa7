import type { ThreadView } from '../../../core/ports/views.js';
import { md, messageText, sectionBlock } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { ACTIONS, button, type SlackPost } from '../post.js';

/** A LINE event that failed every attempt: said without its content, with 再送する (its value: this note's message id). */
export function renderLineEventFailed(view: Extract<ThreadView, { kind: 'line_event_failed' }>, t: StaffText): SlackPost {
  const body = md`⚠️ ${t.lineEventFailed}`;
  return {
    text: messageText(body),
    blocks: [sectionBlock(body), { type: 'actions', elements: [button(ACTIONS.retry, t.retryButton, String(view.messageId))] }],
  };
}
