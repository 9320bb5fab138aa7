import type { DmView } from '../../../core/ports/views.js';
import { formatDay } from '../../../lib/dates.js';
import { messageText } from '../../mrkdwn.js';
import type { RenderOptions } from '../thread/index.js';
import { renderReminderPing } from '../thread/reminder-ping.js';
import type { SlackPost } from '../post.js';
import { renderDigest } from './digest.js';
import { renderUrgentDm } from '../thread/urgent.js';

/** What a staff member's DM shows: a reminder's ping, the morning digest, the comment of an export, an admin's quota warning. */
export function renderDmView(view: DmView, o: RenderOptions): SlackPost {
  switch (view.kind) {
    case 'reminder_ping':
      return renderReminderPing(view.ping, o.text, o.timeZone);
    case 'digest':
      return renderDigest(view, o.text, o.timeZone);
    case 'urgent':
      return renderUrgentDm(view, o.text);
    case 'export': {
      const r = o.text.records;
      const { from, to } = view.range;
      const range = from || to ? `${from ? formatDay(from) : ''} 〜 ${to ? formatDay(to) : ''}` : r.allTime;
      return { text: messageText(r.exportComment(view.caseCode, range)), blocks: [] };
    }
    case 'quota_warning':
      return { text: messageText(o.text.admin.quotaWarning(view.threshold, view.used, view.limit)), blocks: [] };
  }
}
