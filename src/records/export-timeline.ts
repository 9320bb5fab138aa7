import type { AppContext } from '../context.js';
import { contactsOfCase } from '../db/queries/contacts.js';
import { conversationOfCase } from '../db/queries/messages.js';
import { updatesOfCase } from '../db/queries/updates.js';
import type { CaseRow } from '../db/schema/cases.js';
import { formatDateTime, formatDay } from '../lib/dates.js';
import { senderLabel } from '../slack/blocks/sender-label.js';
import { CONTACT_KIND_EN, FSOAIP, categoryByKey, type ContactKind } from './categories.js';

/** One line of a case's timeline: a message either way, or a record. */
export interface TimelineEntry {
  at: Date;
  type: 'message' | 'record';
  direction: string;
  category: string;
  contactKind: string;
  who: string;
  place: string;
  attendees: string;
  text: string;
  nextStep: string;
  nextStepDate: string;
}

/**
 * The case's timeline in time order: messages from and to LINE and the records, within [from, to).
 * `names` turns Slack user ids into display names (asked once per person).
 */
export async function caseTimeline(
  ctx: AppContext,
  caseRow: CaseRow,
  range: { from?: Date; to?: Date },
  names: (userId: string) => Promise<string>,
): Promise<TimelineEntry[]> {
  const r = ctx.text.records;
  const en = ctx.config.staffLanguage === 'en';
  const [messages, records, contacts] = await Promise.all([
    conversationOfCase(ctx.db, caseRow.id, range),
    updatesOfCase(ctx.db, caseRow.id, range),
    contactsOfCase(ctx.db, caseRow.id),
  ]);
  const contactName = new Map(contacts.map((c) => [c.id, senderLabel(c)]));
  const entries: TimelineEntry[] = [];
  for (const m of messages) {
    const files = m.attachments.map((a) => `[${a.fileName ?? a.kind}]`).join(' ');
    const body = m.deliveryStatus === 'withdrawn' || (m.body === null && m.kind === 'text') ? r.exportWithdrawn : (m.body ?? '');
    const fromStaff = m.direction === 'slack_to_line';
    entries.push({
      at: m.createdAt,
      type: 'message',
      direction: r.exportDirections[m.direction] ?? m.direction,
      category: '',
      contactKind: 'LINE',
      who: fromStaff ? `${m.slackUserId ? await names(m.slackUserId) : ''} → ${contactName.get(m.contactId ?? -1) ?? ''}` : (contactName.get(m.contactId ?? -1) ?? ''),
      place: '',
      attendees: '',
      text: [body || (m.kind !== 'text' ? `(${m.kind})` : ''), files].filter(Boolean).join(' '),
      nextStep: '',
      nextStepDate: '',
    });
  }
  for (const u of records) {
    const category = categoryByKey(u.category);
    const soaip = FSOAIP.filter((k) => u.fsoaip[k]).map((k) => `${r.fsoaip[k]}: ${u.fsoaip[k]}`);
    entries.push({
      at: u.occurredAt,
      type: 'record',
      direction: r.exportDirections.record ?? 'record',
      category: category ? (en ? category.en : category.ja) : u.category,
      contactKind: u.contactKind ? (en ? (CONTACT_KIND_EN[u.contactKind as ContactKind] ?? u.contactKind) : u.contactKind) : '',
      who: await names(u.authorUserId),
      place: u.place ?? '',
      attendees: u.attendees ?? '',
      text: [u.body, ...soaip].join('\n'),
      nextStep: u.nextStep ?? '',
      nextStepDate: u.nextStepDate ? formatDay(u.nextStepDate) : '',
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * A cell Excel (or another spreadsheet) could read as a formula: one that starts with =, +, -, @, a
 * tab or a carriage return, or their full-width forms (Excel treats ＝＋－＠ as the ASCII signs), even
 * after spaces (half- or full-width) or line breaks (OWASP "CSV injection").
 */
const FORMULA_START = /^\s*[=+\-@\t\r＝＋－＠]/;

/** A CSV cell, quoted; a cell that starts like a formula is prefixed with ' so that it stays text. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * CSV that Excel opens correctly in Japanese: UTF-8 with a byte order mark, CRLF line ends, every
 * field quoted, no cell that runs as a formula.
 */
export function timelineCsv(entries: TimelineEntry[], ctx: Pick<AppContext, 'text' | 'config'>): Buffer {
  const r = ctx.text.records;
  const cell = csvCell;
  const lines = [r.exportColumns.map(cell).join(',')];
  for (const e of entries) {
    lines.push(
      [formatDateTime(e.at, ctx.config.timeZone), r.exportKinds[e.type] ?? e.type, e.direction, e.category, e.contactKind, e.who, e.place, e.attendees, e.text, e.nextStep, e.nextStepDate]
        .map(cell)
        .join(','),
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/**
 * Text people wrote, made inert for Markdown: it reads the same in a text editor, but a viewer
 * (GitHub, an editor's preview) shows it as text. Raw HTML and autolinks need `<`, images need `![`:
 * both get a backslash, and every backslash the writer typed is escaped first, so that it cannot
 * cancel ours. Links stay links (no request is made until someone clicks one).
 */
export function markdownText(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('<', '\\<').replaceAll('![', '!\\[');
}

/** The same, for a value shown inside one line (a heading, a label): line breaks become spaces. */
const markdownLine = (value: string): string => markdownText(value.replace(/[\r\n]+/g, ' '));

/** The same timeline as Markdown, one section per entry (reads well in a text editor or on GitHub). */
export function timelineMarkdown(entries: TimelineEntry[], caseRow: CaseRow, rangeText: string, ctx: Pick<AppContext, 'text' | 'config'>): string {
  const r = ctx.text.records;
  const out = [r.exportTitle(caseRow.code, markdownLine(caseRow.label)), '', rangeText, ''];
  for (const e of entries) {
    const head = [formatDateTime(e.at, ctx.config.timeZone), r.exportKinds[e.type], e.type === 'record' ? e.category : e.direction, e.contactKind, e.who]
      .filter((v): v is string => Boolean(v))
      .map(markdownLine)
      .join(' · ');
    out.push(`## ${head}`, '');
    if (e.place || e.attendees) {
      out.push(`${[e.place && `${r.placeLabel}: ${markdownLine(e.place)}`, e.attendees && `${r.attendeesLabel}: ${markdownLine(e.attendees)}`].filter(Boolean).join(' / ')}`, '');
    }
    out.push(...e.text.split(/\r?\n|\r/).map((l) => `> ${markdownText(l)}`), '');
    if (e.nextStep) out.push(`${r.nextStepLabel}: ${markdownLine(e.nextStep)}${e.nextStepDate ? ` (${e.nextStepDate})` : ''}`, '');
  }
  return out.join('\n');
}
