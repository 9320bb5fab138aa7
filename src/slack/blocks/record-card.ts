import type { types } from '@slack/bolt';
import type { UpdateRow } from '../../db/schema/updates.js';
import type { StaffText } from '../../i18n/staff-text.js';
import { formatDateTime, formatDay } from '../../lib/dates.js';
import { CONTACT_KIND_EN, FSOAIP, categoryByKey, type ContactKind } from '../../records/categories.js';
import { escapeSlackText } from '../../relay/slack-escape.js';
import { splitText } from '../../relay/split-text.js';
import { RECORD_EDIT_ACTION_ID } from './record-modal.js';
import type { ThreadPost } from './thread-message.js';

const SECTION_MAX = 2500;

/** A record as a card in the case thread: what, when, how, where, who, the text, F-SOAIP, next step, and 編集. */
export function recordCardPost(u: UpdateRow, t: StaffText, o: { timeZone: string; language: 'ja' | 'en'; editedBy?: string }): ThreadPost {
  const r = t.records;
  const category = categoryByKey(u.category);
  const categoryName = category ? (o.language === 'en' ? category.en : category.ja) : u.category;
  const kind = u.contactKind ? (o.language === 'en' ? (CONTACT_KIND_EN[u.contactKind as ContactKind] ?? u.contactKind) : u.contactKind) : undefined;
  const when = formatDateTime(u.occurredAt, o.timeZone);
  const head = [`📝 *${r.cardTitle}* · ${escapeSlackText(categoryName)}`, when, kind ? escapeSlackText(kind) : undefined].filter(Boolean).join(' · ');
  const details = [
    u.place ? `${r.placeLabel}: ${escapeSlackText(u.place)}` : undefined,
    u.attendees ? `${r.attendeesLabel}: ${escapeSlackText(u.attendees)}` : undefined,
  ].filter(Boolean);
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  if (details.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: details.join('　') }] });
  for (const part of splitText(escapeSlackText(u.body), SECTION_MAX)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  const soaip = FSOAIP.filter((k) => u.fsoaip[k]).map((k) => `*${r.fsoaip[k]}*: ${escapeSlackText(u.fsoaip[k] as string)}`);
  for (const part of splitText(soaip.join('\n'), SECTION_MAX)) if (part) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  if (u.nextStep) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: r.nextStep(escapeSlackText(u.nextStep), u.nextStepDate ? formatDay(u.nextStepDate) : null) } });
  const footer = [u.version > 1 && o.editedBy ? r.cardEdited(u.version, o.editedBy) : r.cardAuthor(u.authorUserId), u.sourceSlackTs ? r.cardSource : undefined].filter(Boolean).join(' · ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: RECORD_EDIT_ACTION_ID, text: { type: 'plain_text', text: r.editButton }, value: String(u.id) }],
  });
  return { text: `📝 ${categoryName} ${when}: ${escapeSlackText(u.body)}`.slice(0, 3000), blocks: blocks.slice(0, 50) };
}
