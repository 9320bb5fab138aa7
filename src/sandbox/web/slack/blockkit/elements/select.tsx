import type { BlockEnv, ElementObject, OptionObject } from '../env.js';
import { textOf } from '../env.js';

const optionsOf = (el: ElementObject): OptionObject[] => {
  if (Array.isArray(el.options)) return el.options as OptionObject[];
  if (Array.isArray(el.option_groups)) return (el.option_groups as Array<{ options: OptionObject[] }>).flatMap((g) => g.options);
  return [];
};

export interface InputBinding {
  /** In a modal's input block: the current value object, and how to change it. */
  value?: Record<string, unknown>;
  set?(value: Record<string, unknown>): void;
}

/** static_select (and overflow, which Slack shows as a ⋯ menu) as a native select. */
export function StaticSelect({ el, blockId, env, binding }: { el: ElementObject; blockId: string; env: BlockEnv; binding?: InputBinding }) {
  const options = optionsOf(el);
  const overflow = el.type === 'overflow';
  const current = binding?.value
    ? ((binding.value.selected_option as { value?: string } | null | undefined)?.value ?? '')
    : ((el.initial_option as OptionObject | undefined)?.value ?? '');
  const onChange = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    const option = options.find((o) => o.value === value);
    const selected = option ? { text: { type: 'plain_text', text: textOf(option.text), emoji: true }, value: option.value } : null;
    if (binding?.set) binding.set({ type: el.type, selected_option: selected });
    else if (option)
      env.onAction({ blockId, actionId: String(el.action_id ?? ''), type: el.type, selectedOption: { text: textOf(option.text), value: option.value } });
    if (overflow) (e.target as HTMLSelectElement).value = '';
  };
  return (
    <select class={overflow ? 'sk-overflow' : 'sk-select'} data-action-id={String(el.action_id ?? '')} value={overflow ? '' : current} onChange={onChange}>
      <option value="" disabled={!overflow}>
        {overflow ? '⋯' : textOf(el.placeholder as OptionObject['text'] | undefined) || '—'}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {textOf(o.text)}
        </option>
      ))}
    </select>
  );
}

/** users_select: the workspace's people. */
export function UsersSelect({ el, blockId, env, binding }: { el: ElementObject; blockId: string; env: BlockEnv; binding?: InputBinding }) {
  const people = env.users.filter((u) => !u.isBot);
  const current = binding?.value ? String(binding.value.selected_user ?? '') : String(el.initial_user ?? '');
  const onChange = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    if (binding?.set) binding.set({ type: 'users_select', selected_user: value || null });
    else env.onAction({ blockId, actionId: String(el.action_id ?? ''), type: 'users_select', selectedUser: value });
  };
  return (
    <select class="sk-select" data-action-id={String(el.action_id ?? '')} value={current} onChange={onChange}>
      <option value="" disabled>
        {textOf(el.placeholder as OptionObject['text'] | undefined) || '—'}
      </option>
      {people.map((u) => (
        <option key={u.id} value={u.id}>
          {u.realName}
        </option>
      ))}
    </select>
  );
}
