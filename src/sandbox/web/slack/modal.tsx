import { useEffect, useState } from 'preact/hooks';
import type { SlackViewRecord } from '../../shared/slack-types.js';
import { act } from '../api.js';
import { useT } from '../i18n.js';
import { useUi } from '../ui.js';
import { Blocks } from './blockkit/blocks.js';
import type { BlockEnv, ElementAction, ElementObject, OptionObject, TextObject } from './blockkit/env.js';
import { textOf } from './blockkit/env.js';
import { Text } from './blockkit/mrkdwn-view.js';
import { imageSrc, linkHandler } from './block-env.js';

type Values = Record<string, Record<string, Record<string, unknown>>>;

/** The input values a modal starts with: each input element's initial value, in view.state.values shape. */
export function initialValues(view: Record<string, unknown>): Values {
  const values: Values = {};
  for (const block of (view.blocks as Array<{ type: string; block_id?: string; element?: ElementObject }> | undefined) ?? []) {
    if (block.type !== 'input' || !block.element || !block.block_id) continue;
    const el = block.element;
    const actionId = String(el.action_id ?? '');
    const option = (o: unknown) => (o ? { text: { type: 'plain_text', text: textOf((o as OptionObject).text) }, value: (o as OptionObject).value } : null);
    let value: Record<string, unknown>;
    switch (el.type) {
      case 'static_select':
      case 'radio_buttons':
        value = { type: el.type, selected_option: option(el.initial_option) };
        break;
      case 'checkboxes':
        value = { type: el.type, selected_options: ((el.initial_options as unknown[] | undefined) ?? []).map(option) };
        break;
      case 'users_select':
        value = { type: el.type, selected_user: el.initial_user ?? null };
        break;
      case 'datepicker':
        value = { type: el.type, selected_date: el.initial_date ?? null };
        break;
      case 'timepicker':
        value = { type: el.type, selected_time: el.initial_time ?? null };
        break;
      default:
        value = { type: el.type, value: el.initial_value ?? null };
    }
    values[block.block_id] = { [actionId]: value };
  }
  return values;
}

/** Slack's client refuses to submit while a required input is empty (the app never hears of it). */
export function missingRequired(view: Record<string, unknown>, values: Values): string[] {
  const missing: string[] = [];
  for (const block of (view.blocks as Array<{ type: string; block_id?: string; optional?: boolean; element?: ElementObject }> | undefined) ?? []) {
    if (block.type !== 'input' || block.optional || !block.block_id || !block.element) continue;
    const v = values[block.block_id]?.[String(block.element.action_id ?? '')] ?? {};
    const filled =
      (typeof v.value === 'string' && v.value.trim() !== '') ||
      Boolean(v.selected_option) ||
      (Array.isArray(v.selected_options) && v.selected_options.length > 0) ||
      Boolean(v.selected_user) ||
      Boolean(v.selected_date) ||
      Boolean(v.selected_time);
    if (!filled) missing.push(block.block_id);
  }
  return missing;
}

/** A modal on your screen: title, blocks, close and submit; the app's errors under their inputs. */
export function Modal({ view }: { view: SlackViewRecord }) {
  const ui = useUi();
  const t = useT();
  const [values, setValues] = useState<Values>(() => initialValues(view.view));
  const [busy, setBusy] = useState(false);
  const [required, setRequired] = useState<string[]>([]);
  // views.update / response_action update: start from the new view's values.
  useEffect(() => {
    setValues(initialValues(view.view));
    setRequired([]);
  }, [view.id, view.hash]);
  const v = view.view as { title?: TextObject; submit?: TextObject; close?: TextObject; blocks?: unknown[] };
  const errors = { ...Object.fromEntries(required.map((b) => [b, t.required])), ...(view.errors ?? {}) };
  const env: BlockEnv = {
    users: ui.snapshot.slack.users,
    channels: ui.snapshot.slack.channels,
    onAction: (action: ElementAction) => void act('slack/action', { user: ui.me, container: { type: 'view', viewId: view.id }, action, values }),
    values,
    setValue: (blockId, actionId, value) => {
      setValues((old) => ({ ...old, [blockId]: { ...old[blockId], [actionId]: value } }));
      setRequired((r) => r.filter((b) => b !== blockId));
    },
    errors,
    imageSrc,
    onLink: linkHandler(ui),
  };
  const submit = async () => {
    const missing = missingRequired(view.view, values);
    setRequired(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      await act('slack/view-submit', { user: ui.me, viewId: view.id, values });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="sk-modal-backdrop">
      <div class="sk-modal" role="dialog" aria-label={textOf(v.title)} data-testid="slack-modal">
        <header class="sk-modal-head">
          <span class="sk-modal-app">つ</span>
          <h2>
            <Text obj={v.title} env={env} />
          </h2>
          <button type="button" class="sk-modal-x" aria-label={t.close} onClick={() => void act('slack/view-close', { user: ui.me, viewId: view.id, values })}>
            ✕
          </button>
        </header>
        <div class="sk-modal-body">
          {errors.__sandbox_connection ? <div class="sk-modal-banner">{t.modalConnection}</div> : null}
          <Blocks blocks={v.blocks ?? []} env={env} />
        </div>
        <footer class="sk-modal-foot">
          <button type="button" class="sk-button" onClick={() => void act('slack/view-close', { user: ui.me, viewId: view.id, values })}>
            <Text obj={v.close ?? { type: 'plain_text', text: t.cancel }} env={env} />
          </button>
          {v.submit ? (
            <button type="button" class="sk-button sk-button-primary" disabled={busy} onClick={() => void submit()}>
              <Text obj={v.submit} env={env} />
            </button>
          ) : null}
        </footer>
      </div>
    </div>
  );
}
