import type { BlockEnv, ElementObject, OptionObject } from '../env.js';
import { textOf } from '../env.js';
import { Text } from '../mrkdwn-view.js';
import type { InputBinding } from './select.js';

/** checkboxes and radio_buttons. */
export function Choices({ el, blockId, env, binding }: { el: ElementObject; blockId: string; env: BlockEnv; binding?: InputBinding }) {
  const options = (el.options as OptionObject[] | undefined) ?? [];
  const multiple = el.type === 'checkboxes';
  const toValue = (o: OptionObject) => ({ text: { type: o.text.type, text: textOf(o.text) }, value: o.value });
  const selected: string[] = binding?.value
    ? multiple
      ? ((binding.value.selected_options as OptionObject[] | undefined) ?? []).map((o) => o.value)
      : [(binding.value.selected_option as OptionObject | null | undefined)?.value ?? '']
    : multiple
      ? ((el.initial_options as OptionObject[] | undefined) ?? []).map((o) => o.value)
      : [(el.initial_option as OptionObject | undefined)?.value ?? ''];
  const toggle = (o: OptionObject, checked: boolean) => {
    if (multiple) {
      const next = options.filter((x) => (x.value === o.value ? checked : selected.includes(x.value)));
      if (binding?.set) binding.set({ type: el.type, selected_options: next.map(toValue) });
      else env.onAction({ blockId, actionId: String(el.action_id ?? ''), type: el.type, value: o.value });
    } else if (binding?.set) binding.set({ type: el.type, selected_option: toValue(o) });
    else env.onAction({ blockId, actionId: String(el.action_id ?? ''), type: el.type, selectedOption: { text: textOf(o.text), value: o.value } });
  };
  return (
    <div class="sk-choices">
      {options.map((o) => (
        <label key={o.value} class="sk-choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={`${blockId}-${String(el.action_id)}`}
            checked={selected.includes(o.value)}
            onChange={(e) => toggle(o, (e.target as HTMLInputElement).checked)}
          />
          <span>
            <Text obj={o.text} env={env} />
            {o.description ? (
              <small class="sk-choice-desc">
                <Text obj={o.description} env={env} />
              </small>
            ) : null}
          </span>
        </label>
      ))}
    </div>
  );
}
