import type { ThreadView } from '../../../core/ports/views.js';
import type { StaffText } from '../../text/staff-text.js';
import type { SlackPost } from '../post.js';
import { renderLineEventFailed } from './line-event-failed.js';
import { renderLineMessage } from './line-message.js';
import { renderNotice } from './notice.js';
import { renderRecordCard } from './record-card.js';
import { renderReminderPing } from './reminder-ping.js';
import { renderStaffSend } from './staff-send.js';
import { renderAutoAnswer, renderUrgentAlert, renderUrgentEscalated, renderUrgentTaken } from './urgent.js';

export interface RenderOptions {
  text: StaffText;
  timeZone: string;
  language: 'ja' | 'en';
}

/**
 * The registry of thread post renderers: one per kind of thread item. The type makes a missing
 * renderer a compile error, so adding a kind to the core cannot be forgotten here.
 */
const renderers: { [K in ThreadView['kind']]: (view: Extract<ThreadView, { kind: K }>, o: RenderOptions) => SlackPost } = {
  line_message: (view, o) => renderLineMessage(view, o.text),
  staff_send: (view, o) => renderStaffSend(view, o.text),
  record_card: (view, o) => renderRecordCard(view, o.text, o),
  reminder_ping: (view, o) => renderReminderPing(view.ping, o.text, o.timeZone),
  notice: (view, o) => renderNotice(view, o.text),
  line_event_failed: (view, o) => renderLineEventFailed(view, o.text),
  urgent_alert: (view, o) => renderUrgentAlert(view, o.text, o.timeZone),
  urgent_taken: (view, o) => renderUrgentTaken(view, o.text, o.timeZone),
  urgent_escalated: (view, o) => renderUrgentEscalated(view, o.text),
  auto_answer: (view, o) => renderAutoAnswer(view, o.text),
};

export function renderThreadView(view: ThreadView, o: RenderOptions): SlackPost {
  return (renderers[view.kind] as (v: ThreadView, o: RenderOptions) => SlackPost)(view, o);
}
