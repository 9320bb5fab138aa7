import type { BlockEnv, ElementObject, TextObject } from './env.js';
import { textOf } from './env.js';
import { Element } from './elements/element.js';
import { Text } from './mrkdwn-view.js';

/** input (modals): label, "optional" mark, the element, hint, and the app's error for this block under it. */
export function Input({
  block,
  env,
}: {
  block: { block_id?: string; label?: TextObject; element?: ElementObject; optional?: boolean; hint?: TextObject };
  env: BlockEnv;
}) {
  const blockId = block.block_id ?? '';
  const el = block.element;
  const actionId = String(el?.action_id ?? '');
  const error = env.errors?.[blockId];
  const binding = {
    value: env.values?.[blockId]?.[actionId] ?? {},
    set: (value: Record<string, unknown>) => env.setValue?.(blockId, actionId, value),
  };
  return (
    <div class={`sk-input-block${error ? ' sk-has-error' : ''}`} data-block-id={blockId}>
      <label class="sk-label">
        <Text obj={block.label} env={env} />
        {block.optional ? <span class="sk-optional">（任意）</span> : null}
      </label>
      {el ? <Element el={el} blockId={blockId} env={env} binding={binding} label={textOf(block.label)} /> : null}
      {block.hint ? (
        <div class="sk-hint">
          <Text obj={block.hint} env={env} />
        </div>
      ) : null}
      {error ? (
        <div class="sk-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
