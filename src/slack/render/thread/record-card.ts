import type { types } from '@slack/bolt';
import type { ThreadView } from '../../../core/ports/views.js';
import { CONTACT_KIND_EN, FSOAIP, categoryByKey, type ContactKind } from '../../../core/records/categories.js';
import { formatDateTime, formatDay } from '../../../lib/dates.js';
import { contextBlock, joinMrkdwn, md, messageText, sectionBlock, sectionBlocks, type Mrkdwn } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { ACTIONS, button, SECTION_MAX, type SlackPost } from '../post.js';

/** A record as a card in the case thread: what, when, how, where, who, the text, F-SOAIP, next step, and 編集. */
export function renderRecordCard(view: Extract<ThreadView, { kind: 'record_card' }>, t: StaffText, o: { timeZone: string; language: 'ja' | 'en' }): SlackPost {
  const u = view.record;
  const r = t.records;
  const category = categoryByKey(u.category);
  const categoryName = category ? (o.language === 'en' ? category.en : category.ja) : u.category;
  const kind = u.contactKind ? (o.language === 'en' ? (CONTACT_KIND_EN[u.contactKind as ContactKind] ?? u.contactKind) : u.contactKind) : undefined;
  const when = formatDateTime(u.occurredAt, o.timeZone);
  const head = joinMrkdwn([md`📝 *${r.cardTitle}* · ${categoryName}`, when, ...(kind ? [kind] : [])], ' · ');
  const details: Mrkdwn[] = [...(u.place ? [md`${r.placeLabel}: ${u.place}`] : []), ...(u.attendees ? [md`${r.attendeesLabel}: ${u.attendees}`] : [])];
  const blocks: types.KnownBlock[] = [sectionBlock(head)];
  if (details.length) blocks.push(contextBlock(joinMrkdwn(details, '　')));
  blocks.push(...sectionBlocks(u.body, SECTION_MAX));
  const soaip = FSOAIP.filter((k) => u.fsoaip[k]).map((k) => md`*${r.fsoaip[k] ?? k}*: ${u.fsoaip[k] as string}`);
  if (soaip.length) blocks.push(...sectionBlocks(joinMrkdwn(soaip), SECTION_MAX));
  if (u.nextStep) blocks.push(sectionBlock(r.nextStep(u.nextStep, u.nextStepDate ? formatDay(u.nextStepDate) : null)));
  const footer = joinMrkdwn(
    [u.version > 1 && view.editedBy ? r.cardEdited(u.version, view.editedBy) : r.cardAuthor(u.authorUserId), ...(u.sourceSlackTs ? [r.cardSource] : [])],
    ' · ',
  );
  blocks.push(contextBlock(footer));
  blocks.push({ type: 'actions', elements: [button(ACTIONS.recordEdit, r.editButton, String(u.id))] });
  return { text: messageText(md`📝 ${categoryName} ${when}: ${u.body}`), blocks: blocks.slice(0, 50) };
}
