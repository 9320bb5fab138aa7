import type { DigestLine, DmView } from '../../../core/ports/views.js';
import { joinMrkdwn, md, messageText } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import type { SlackPost } from '../post.js';
import { dueText } from '../thread/reminder-ping.js';

/** The morning digest: what is overdue, due today and this week; case codes and labels only. */
export function renderDigest(view: Extract<DmView, { kind: 'digest' }>, t: StaffText, timeZone: string): SlackPost {
  const x = t.reminders;
  const line = (l: DigestLine) => x.digestLine(l.case.code, l.case.label, l.reminder.title, dueText(l.reminder, timeZone));
  const sections = [
    [x.digestOverdue, view.overdue],
    [x.digestToday, view.today],
    [x.digestWeek, view.week],
  ] as const;
  const text = joinMrkdwn(
    [x.digestTitle(view.day.replaceAll('-', '/')), ...sections.filter(([, l]) => l.length > 0).map(([h, l]) => md`*${h}*\n${joinMrkdwn(l.map(line))}`)],
    '\n\n',
  );
  return { text: messageText(text, 39_000), blocks: [] };
}
