import { formatDateTime, formatDay } from '../../lib/dates.js';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import { FSOAIP } from '../model/records.js';
import { senderLabel } from '../notes/sender-label.js';
import { CONTACT_KIND_EN, categoryByKey, type ContactKind } from './categories.js';

/** The words of an export, in the staff's language (the Slack adapter's texts give them). */
export interface ExportWords {
  language: 'ja' | 'en';
  columns: readonly string[];
  kinds: Record<string, string>;
  directions: Record<string, string>;
  withdrawn: string;
  fsoaip: Record<string, string>;
  placeLabel: string;
  attendeesLabel: string;
  nextStepLabel: string;
  title(code: string, label: string): string;
}

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
 * Staff are named by the directory (asked once per person). What a sender withdrew is said as such.
 */
export async function caseTimeline(
  core: Pick<Core, 'store' | 'directory'>,
  caseRow: Pick<Case, 'id'>,
  range: { from?: Date; to?: Date },
  words: ExportWords,
): Promise<TimelineEntry[]> {
  const en = words.language === 'en';
  const [messages, records, contacts] = await Promise.all([
    core.store.messages.conversation(caseRow.id, range),
    core.store.records.ofCase(caseRow.id, range),
    core.store.contacts.ofCase(caseRow.id),
  ]);
  const names = new Map<string, Promise<string>>();
  const nameOf = (userId: string): Promise<string> => {
    if (!names.has(userId)) names.set(userId, core.directory.staffName(userId));
    return names.get(userId) as Promise<string>;
  };
  const contactName = new Map(contacts.map((c) => [c.id, senderLabel(c)]));
  const entries: TimelineEntry[] = [];
  for (const m of messages) {
    const files = m.attachments.map((a) => `[${a.fileName ?? a.kind}]`).join(' ');
    const body = m.deliveryStatus === 'withdrawn' || (m.body === null && m.kind === 'text') ? words.withdrawn : (m.body ?? '');
    const fromStaff = m.direction === 'slack_to_line';
    entries.push({
      at: m.createdAt,
      type: 'message',
      direction: words.directions[m.direction] ?? m.direction,
      category: '',
      contactKind: 'LINE',
      who: fromStaff
        ? `${m.slackUserId ? await nameOf(m.slackUserId) : ''} → ${contactName.get(m.contactId ?? -1) ?? ''}`
        : (contactName.get(m.contactId ?? -1) ?? ''),
      place: '',
      attendees: '',
      text: [body || (m.kind !== 'text' ? `(${m.kind})` : ''), files].filter(Boolean).join(' '),
      nextStep: '',
      nextStepDate: '',
    });
  }
  for (const r of records) {
    const category = categoryByKey(r.category);
    const soaip = FSOAIP.filter((k) => r.fsoaip[k]).map((k) => `${words.fsoaip[k]}: ${r.fsoaip[k]}`);
    entries.push({
      at: r.occurredAt,
      type: 'record',
      direction: words.directions.record ?? 'record',
      category: category ? (en ? category.en : category.ja) : r.category,
      contactKind: r.contactKind ? (en ? (CONTACT_KIND_EN[r.contactKind as ContactKind] ?? r.contactKind) : r.contactKind) : '',
      who: await nameOf(r.authorUserId),
      place: r.place ?? '',
      attendees: r.attendees ?? '',
      text: [r.body, ...soaip].join('\n'),
      nextStep: r.nextStep ?? '',
      nextStepDate: r.nextStepDate ? formatDay(r.nextStepDate) : '',
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
export function timelineCsv(entries: TimelineEntry[], words: ExportWords, timeZone: string): Buffer {
  const lines = [words.columns.map(csvCell).join(',')];
  for (const e of entries) {
    lines.push(
      [
        formatDateTime(e.at, timeZone),
        words.kinds[e.type] ?? e.type,
        e.direction,
        e.category,
        e.contactKind,
        e.who,
        e.place,
        e.attendees,
        e.text,
        e.nextStep,
        e.nextStepDate,
      ]
        .map(csvCell)
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
export function timelineMarkdown(
  entries: TimelineEntry[],
  caseRow: Pick<Case, 'code' | 'label'>,
  rangeText: string,
  words: ExportWords,
  timeZone: string,
): string {
  const out = [words.title(caseRow.code, markdownLine(caseRow.label)), '', rangeText, ''];
  for (const e of entries) {
    const head = [formatDateTime(e.at, timeZone), words.kinds[e.type], e.type === 'record' ? e.category : e.direction, e.contactKind, e.who]
      .filter((v): v is string => Boolean(v))
      .map(markdownLine)
      .join(' · ');
    out.push(`## ${head}`, '');
    if (e.place || e.attendees) {
      out.push(
        `${[e.place && `${words.placeLabel}: ${markdownLine(e.place)}`, e.attendees && `${words.attendeesLabel}: ${markdownLine(e.attendees)}`].filter(Boolean).join(' / ')}`,
        '',
      );
    }
    out.push(...e.text.split(/\r?\n|\r/).map((l) => `> ${markdownText(l)}`), '');
    if (e.nextStep) out.push(`${words.nextStepLabel}: ${markdownLine(e.nextStep)}${e.nextStepDate ? ` (${e.nextStepDate})` : ''}`, '');
  }
  return out.join('\n');
}

/**
 * `/case export`: the timeline as CSV for Excel and as Markdown, sent to the requester only, by DM.
 * Audit-logged with the range and the count. Returns the number of entries.
 */
export async function exportCase(
  core: Core,
  caseRow: Pick<Case, 'id' | 'code' | 'label'>,
  o: { by: string; range: { from?: Date; to?: Date }; days: { from: string | null; to: string | null }; rangeText: string; words: ExportWords },
): Promise<number> {
  const entries = await caseTimeline(core, caseRow, o.range, o.words);
  const stamp = `${caseRow.code}_${o.days.from ?? 'start'}_${o.days.to ?? core.clock.now().toISOString().slice(0, 10)}`;
  const csv = timelineCsv(entries, o.words, core.settings.timeZone);
  const markdown = Buffer.from(timelineMarkdown(entries, caseRow, o.rangeText, o.words, core.settings.timeZone), 'utf8');
  await core.dm.sendFiles(
    o.by,
    [
      { name: `${stamp}.csv`, title: `${caseRow.code}.csv`, length: csv.length, body: csv },
      { name: `${stamp}.md`, title: `${caseRow.code}.md`, length: markdown.length, body: markdown },
    ],
    { kind: 'export', caseCode: caseRow.code, range: o.days },
  );
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: o.by,
    action: 'case.exported',
    caseId: caseRow.id,
    details: { from: o.days.from, to: o.days.to, entries: entries.length },
  });
  return entries.length;
}
