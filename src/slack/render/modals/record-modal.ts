import type { types } from '@slack/bolt';
import { CATEGORIES, CONTACT_KIND_EN, CONTACT_KINDS, FSOAIP, categoryByKey, type Fsoaip } from '../../../core/records/categories.js';
import type { StaffText } from '../../text/staff-text.js';

export const RECORD_VIEW_ID = 'record.save';

/** What the modal remembers between opening and submission (private_metadata, well under 3,000 characters). */
export interface RecordViewState {
  mode: 'new' | 'edit';
  channelId: string;
  caseId?: number;
  updateId?: number;
  version?: number;
  sourceMessageId?: number;
  sourceTs?: string;
}

export interface RecordDefaults {
  caseOptions?: Array<{ id: number; code: string; label: string }>;
  category?: string | null;
  contactKind?: string | null;
  day: string;
  time: string;
  place?: string | null;
  attendees?: string | null;
  body?: string;
  fsoaip?: Fsoaip;
  nextStep?: string | null;
  nextStepDate?: string | null;
  context?: string;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text: text.slice(0, 75) });
const option = (text: string, value: string) => ({ text: plain(text), value });

function textInput(
  blockId: string,
  label: string,
  initial: string | null | undefined,
  o: { multiline?: boolean; optional?: boolean; max?: number } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? true,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: o.multiline ?? false,
      max_length: o.max ?? 3000,
      ...(initial ? { initial_value: initial.slice(0, o.max ?? 3000) } : {}),
    },
  };
}

/** The record form: case (when not known), category, contact kind, date and time, place, people, text, F-SOAIP, next step. */
export function recordModal(state: RecordViewState, d: RecordDefaults, t: StaffText, language: 'ja' | 'en'): types.ModalView {
  const r = t.records;
  const name = (c: (typeof CATEGORIES)[number]) => (language === 'en' ? c.en : c.ja);
  const categoryOptions = CATEGORIES.map((c) => option(name(c), c.key));
  const initialCategory = categoryByKey(d.category);
  const kindOptions = CONTACT_KINDS.map((k) => option(language === 'en' ? CONTACT_KIND_EN[k] : k, k));
  const initialKind = kindOptions.find((o) => o.value === d.contactKind);
  const blocks: types.KnownBlock[] = [];
  if (d.context) blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: d.context.slice(0, 2000) }] });
  if (d.caseOptions) {
    blocks.push({
      type: 'input',
      block_id: 'case',
      label: plain(r.caseLabel),
      element: { type: 'static_select', action_id: 'value', options: d.caseOptions.slice(0, 100).map((c) => option(`${c.code} ${c.label}`, String(c.id))) },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: 'category',
      label: plain(r.categoryLabel),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: categoryOptions,
        ...(initialCategory ? { initial_option: option(name(initialCategory), initialCategory.key) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'contact_kind',
      optional: true,
      label: plain(r.contactKindLabel),
      element: { type: 'static_select', action_id: 'value', options: kindOptions, ...(initialKind ? { initial_option: initialKind } : {}) },
    },
    { type: 'input', block_id: 'date', label: plain(r.dateLabel), element: { type: 'datepicker', action_id: 'value', initial_date: d.day } },
    { type: 'input', block_id: 'time', label: plain(r.timeLabel), element: { type: 'timepicker', action_id: 'value', initial_time: d.time } },
    textInput('place', r.placeLabel, d.place, { max: 200 }),
    textInput('attendees', r.attendeesLabel, d.attendees, { max: 300 }),
    textInput('body', r.bodyLabel, d.body, { multiline: true, optional: false }),
    { type: 'header', text: plain(r.fsoaipHint) },
    ...FSOAIP.map((k) => textInput(`fsoaip_${k}`, r.fsoaip[k] ?? k, d.fsoaip?.[k], { multiline: k !== 'f', max: 2000 })),
    { type: 'divider' },
    textInput('next_step', r.nextStepLabel, d.nextStep, { max: 300 }),
    {
      type: 'input',
      block_id: 'next_date',
      optional: true,
      label: plain(r.nextStepDateLabel),
      element: { type: 'datepicker', action_id: 'value', ...(d.nextStepDate ? { initial_date: d.nextStepDate } : {}) },
    },
  );
  return {
    type: 'modal',
    callback_id: RECORD_VIEW_ID,
    private_metadata: JSON.stringify(state),
    title: plain(state.mode === 'edit' ? r.editTitle : r.modalTitle),
    submit: plain(r.save),
    close: plain(r.cancel),
    blocks,
  };
}

/** What was entered, read from a submitted view's state. */
export interface RecordInput {
  caseId?: number;
  category?: string;
  contactKind: string | null;
  day?: string;
  time?: string;
  place: string | null;
  attendees: string | null;
  body: string;
  fsoaip: Fsoaip;
  nextStep: string | null;
  nextStepDate: string | null;
}

type ViewValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null; selected_time?: string | null }>
>;

export function readRecordInput(values: ViewValues): RecordInput {
  const v = (block: string) => values[block]?.value;
  const text = (block: string) => {
    const s = v(block)?.value?.trim();
    return s ? s : null;
  };
  const fsoaip: Fsoaip = {};
  for (const k of FSOAIP) {
    const s = text(`fsoaip_${k}`);
    if (s) fsoaip[k] = s;
  }
  const caseValue = v('case')?.selected_option?.value;
  return {
    ...(caseValue ? { caseId: Number(caseValue) } : {}),
    ...(v('category')?.selected_option?.value ? { category: v('category')?.selected_option?.value as string } : {}),
    contactKind: v('contact_kind')?.selected_option?.value ?? null,
    ...(v('date')?.selected_date ? { day: v('date')?.selected_date as string } : {}),
    ...(v('time')?.selected_time ? { time: v('time')?.selected_time as string } : {}),
    place: text('place'),
    attendees: text('attendees'),
    body: text('body') ?? '',
    fsoaip,
    nextStep: text('next_step'),
    nextStepDate: v('next_date')?.selected_date ?? null,
  };
}
