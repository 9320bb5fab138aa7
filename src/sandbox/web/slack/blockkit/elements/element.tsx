import type { BlockEnv, ElementObject } from '../env.js';
import { Button } from './button.js';
import { Choices } from './choices.js';
import { Picker } from './pickers.js';
import { StaticSelect, UsersSelect, type InputBinding } from './select.js';
import { TextInput } from './text-input.js';

/** One interactive element, wherever it sits (section accessory, actions block, input block). */
export function Element({
  el,
  blockId,
  env,
  binding,
  label = '',
}: {
  el: ElementObject;
  blockId: string;
  env: BlockEnv;
  binding?: InputBinding;
  label?: string;
}) {
  switch (el.type) {
    case 'button':
      return <Button el={el} blockId={blockId} env={env} />;
    case 'static_select':
    case 'overflow':
      return <StaticSelect el={el} blockId={blockId} env={env} {...(binding ? { binding } : {})} />;
    case 'users_select':
      return <UsersSelect el={el} blockId={blockId} env={env} {...(binding ? { binding } : {})} />;
    case 'datepicker':
    case 'timepicker':
      return <Picker el={el} blockId={blockId} env={env} {...(binding ? { binding } : {})} />;
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return <TextInput el={el} label={label} {...(binding ? { binding } : {})} />;
    case 'checkboxes':
    case 'radio_buttons':
      return <Choices el={el} blockId={blockId} env={env} {...(binding ? { binding } : {})} />;
    case 'image':
      return <img class="sk-accessory-image" src={env.imageSrc(String(el.image_url ?? ''))} alt={String(el.alt_text ?? '')} />;
    default:
      return <span class="sk-unsupported">[{el.type}]</span>;
  }
}
