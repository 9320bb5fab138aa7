import type { BlockEnv, ElementObject } from '../env.js';
import type { InputBinding } from './select.js';

/** datepicker and timepicker: the browser's own pickers, Slack's value formats (YYYY-MM-DD, HH:mm). */
export function Picker({ el, blockId, env, binding }: { el: ElementObject; blockId: string; env: BlockEnv; binding?: InputBinding }) {
  const date = el.type === 'datepicker';
  const key = date ? 'selected_date' : 'selected_time';
  const initial = String((date ? el.initial_date : el.initial_time) ?? '');
  const current = binding?.value ? String(binding.value[key] ?? '') : initial;
  const onChange = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    if (binding?.set) binding.set({ type: el.type, [key]: value || null });
    else env.onAction({ blockId, actionId: String(el.action_id ?? ''), type: el.type, ...(date ? { selectedDate: value } : { selectedTime: value }) });
  };
  return <input class="sk-picker" type={date ? 'date' : 'time'} data-action-id={String(el.action_id ?? '')} value={current} onChange={onChange} />;
}
