import type { ElementObject, TextObject } from '../env.js';
import { textOf } from '../env.js';
import type { InputBinding } from './select.js';

/** plain_text_input (one line or multiline) and number_input. */
export function TextInput({ el, binding, label }: { el: ElementObject; binding?: InputBinding; label: string }) {
  const value = binding?.value ? String(binding.value.value ?? '') : String(el.initial_value ?? '');
  const placeholder = textOf(el.placeholder as TextObject | undefined);
  const max = typeof el.max_length === 'number' ? el.max_length : undefined;
  const onInput = (e: Event) => binding?.set?.({ type: el.type, value: (e.target as HTMLInputElement | HTMLTextAreaElement).value });
  if (el.multiline === true) {
    return (
      <textarea
        class="sk-input sk-textarea"
        aria-label={label}
        data-action-id={String(el.action_id ?? '')}
        value={value}
        placeholder={placeholder}
        maxLength={max}
        onInput={onInput}
        rows={4}
      />
    );
  }
  return (
    <input
      class="sk-input"
      aria-label={label}
      data-action-id={String(el.action_id ?? '')}
      type={(el.type === 'number_input' ? 'number' : el.type === 'email_text_input' ? 'email' : el.type === 'url_text_input' ? 'url' : 'text') as 'text'}
      value={value}
      placeholder={placeholder}
      maxLength={max}
      onInput={onInput}
    />
  );
}
