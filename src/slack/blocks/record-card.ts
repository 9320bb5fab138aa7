import type { types } from '@slack/bolt';
import type { UpdateRow } from '../../db/schema/updates.js';
import type { StaffText } from '../../i18n/staff-text.js';
import { formatDateTime, formatDay } from '../../lib/dates.js';
import { CONTACT_KIND_EN, FSOAIP, categoryByKey, type ContactKind } from '../../records/categories.js';
import { contextBlock, joinMrkdwn, md, messageText, sectionBlock, sectionBlocks, type Mrkdwn } from '../mrkdwn.js';
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
  const head = joinMrkdwn([md`📝 *${r.cardTitle}* · ${categoryName}`, when, ...(kind ? [kind] : [])], ' · ');
  const details: Mrkdwn[] = [
    ...(u.place ? [md`${r.placeLabel}: ${u.place}`] : []),
    ...(u.attendees ? [md`${r.attendeesLabel}: ${u.attendees}`] : []),
  ];
  const blocks: types.KnownBlock[] = [sectionBlock(head)];
  if (details.length) blocks.push(contextBlock(joinMrkdwn(details, '　')));
  blocks.push(...sectionBlocks(u.body, SECTION_MAX));
  const soaip = FSOAIP.filter((k) => u.fsoaip[k]).map((k) => md`*${r.fsoaip[k] ?? k}*: ${u.fsoaip[k] as string}`);
  if (soaip.length) blocks.push(...sectionBlocks(joinMrkdwn(soaip), SECTION_MAX));
  if (u.nextStep) blocks.push(sectionBlock(r.nextStep(u.nextStep, u.nextStepDate ? formatDay(u.nextStepDate) : null)));
  const footer = joinMrkdwn([u.version > 1 && o.editedBy ? r.cardEdited(u.version, o.editedBy) : r.cardAuthor(u.authorUserId), ...(u.sourceSlackTs ? [r.cardSource] : [])], ' · ');
  blocks.push(contextBlock(footer));
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: RECORD_EDIT_ACTION_ID, text: { type: 'plain_text', text: r.editButton }, value: String(u.id) }],
  });
  return { text: messageText(md`📝 ${categoryName} ${when}: ${u.body}`), blocks: blocks.slice(0, 50) };
}
