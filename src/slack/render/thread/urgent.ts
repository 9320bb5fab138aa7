import type { ThreadView } from '../../../core/ports/views.js';
import { formatDateTime } from '../../../lib/dates.js';
import { contextBlock, messageText, sectionBlock, sectionBlocks } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { ACTIONS, button, type SlackPost } from '../post.js';

/**
 * The posts of an urgent message in its case thread (issue #12): the 🚨 block right under the message
 * (what kinds of expression were found, the case's staff called by mention, 対応します and 記録する), who
 * took it, the escalation, and the automatic answer the sender got out of hours.
 */
export function renderUrgentAlert(view: Extract<ThreadView, { kind: 'urgent_alert' }>, t: StaffText, timeZone: string): SlackPost {
  const u = t.urgent;
  const body = u.urgentBlock(view.groups);
  const call = view.call.length > 0 ? u.callStaff(view.call) : undefined;
  const record = button(ACTIONS.urgentRecord, u.recordButton, String(view.alertId));
  return {
    text: messageText(u.urgentNotification(view.caseCode)),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: u.urgentHeader } },
      sectionBlock(body),
      ...(call ? [sectionBlock(call)] : []),
      ...(view.taken ? [sectionBlock(u.taken(view.taken.by, formatDateTime(view.taken.at, timeZone)))] : []),
      {
        type: 'actions',
        elements: view.taken ? [record] : [button(ACTIONS.urgentTake, u.takeButton, String(view.alertId), 'danger'), record],
      },
      contextBlock(u.urgentCaveat),
    ],
  };
}

export function renderUrgentTaken(view: Extract<ThreadView, { kind: 'urgent_taken' }>, t: StaffText, timeZone: string): SlackPost {
  const body = t.urgent.taken(view.by, formatDateTime(new Date(view.at), timeZone));
  return { text: messageText(body), blocks: [sectionBlock(body)] };
}

export function renderUrgentEscalated(view: Extract<ThreadView, { kind: 'urgent_escalated' }>, t: StaffText): SlackPost {
  const body = view.to.length > 0 ? t.urgent.escalated(view.minutes, view.to) : t.urgent.noEscalationTarget(view.minutes);
  return { text: messageText(body), blocks: [sectionBlock(body)] };
}

export function renderAutoAnswer(view: Extract<ThreadView, { kind: 'auto_answer' }>, t: StaffText): SlackPost {
  const kind = t.urgent.autoAnswerKinds[view.answer === 'emergency' ? 'emergency' : 'outOfHours'];
  const body = view.failed !== null || view.text === null ? t.urgent.autoAnswerFailed(kind, view.failed ?? 'error') : t.urgent.autoAnswerSent(kind, view.text);
  return { text: messageText(body), blocks: sectionBlocks(body) };
}

/** The DM of an urgent message to the case's staff, or its escalation: code, label and kinds found, never the text. */
export function renderUrgentDm(
  view: { case: { code: string; label: string; slackChannelId: string }; groups: string[]; escalation: { minutes: number } | null },
  t: StaffText,
): SlackPost {
  const body = view.escalation
    ? t.urgent.escalationDm(view.case.code, view.case.label, view.escalation.minutes, view.groups)
    : t.urgent.dm(view.case.code, view.case.label, view.groups);
  return { text: messageText(body), blocks: [sectionBlock(body), contextBlock(t.urgent.whereThread(view.case.slackChannelId, view.case.code))] };
}
