import type { ThreadView } from '../../../core/ports/views.js';
import { md, messageText, mrkdwnFromStore, sectionBlock, type Mrkdwn } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { ACTIONS, button, type SlackPost } from '../post.js';
import { senderLabel } from '../sender.js';

/** A size for people: 12.3 MB, 850 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What each notice says (the contact it names is read when it is posted). */
function noticeText(view: Extract<ThreadView, { kind: 'notice' }>, t: StaffText): Mrkdwn {
  const who = view.contact ? senderLabel(view.contact) : t.unknownContact;
  const n = view.notice;
  switch (n.type) {
    case 'contact_joined':
      return t.joinedNotice(who);
    case 'contact_declined':
      return t.declinedNotice(who);
    case 'contact_withdrew':
      return t.withdrawnNotice(who);
    case 'contact_blocked':
      return t.blockedNotice(who);
    case 'contact_unblocked':
      return t.unblockedNotice(who);
    case 'contact_unlinked':
      return t.unlinkedNotice(who, n.by);
    case 'case_closed':
      return t.caseClosedNotice(n.by);
    case 'link_refused_shared':
      return t.linking.linkRefusedNotice(n.organisations);
    case 'push_failed': {
      const failed = t.deliveryFailed(t.failureReasons[n.reason] ?? n.reason);
      // The monthly quota is used up: what staff can do about it (the 再送する below works once it is raised).
      return n.reason === 'quota' ? md`${failed}\n${t.quotaReachedAdvice}` : failed;
    }
    case 'thread_post_failed':
      return md`⚠️ ${t.threadPostFailed(n.code)}`;
    case 'media_not_copied':
      return n.reason === 'too_large' ? md`⚠️ ${t.mediaTooLarge(formatBytes(n.size ?? 0), formatBytes(n.max ?? 0))}` : md`⚠️ ${t.mediaUnavailable}`;
    case 'rendered':
      // Rendered and escaped by an earlier version, kept in the message's body.
      return mrkdwnFromStore(view.rendered ?? '');
  }
}

/** One of the bot's notices in the thread, with 再送する when it is about something that can be tried again. */
export function renderNotice(view: Extract<ThreadView, { kind: 'notice' }>, t: StaffText): SlackPost {
  const body = noticeText(view, t);
  return {
    text: messageText(body),
    blocks: [
      sectionBlock(body),
      ...(view.retryMessageId !== null ? [{ type: 'actions' as const, elements: [button(ACTIONS.retry, t.retryButton, String(view.retryMessageId))] }] : []),
    ],
  };
}
