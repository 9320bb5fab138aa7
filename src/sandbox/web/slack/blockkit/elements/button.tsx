import type { BlockEnv, ElementObject, TextObject } from '../env.js';
import { textOf } from '../env.js';
import { Text } from '../mrkdwn-view.js';

/** A button: default, primary (green) or danger (red); a URL button opens the link and still tells the app. */
export function Button({ el, blockId, env }: { el: ElementObject; blockId: string; env: BlockEnv }) {
  const style = typeof el.style === 'string' ? el.style : undefined;
  const text = el.text as TextObject;
  const onClick = (e: MouseEvent) => {
    if (typeof el.url === 'string') env.onLink(el.url, e);
    env.onAction({
      blockId,
      actionId: String(el.action_id ?? ''),
      type: 'button',
      text: textOf(text),
      ...(typeof el.value === 'string' ? { value: el.value } : {}),
      ...(style ? { style } : {}),
    });
  };
  return (
    <button type="button" class={`sk-button${style ? ` sk-button-${style}` : ''}`} data-action-id={String(el.action_id ?? '')} onClick={onClick}>
      <Text obj={text} env={env} />
    </button>
  );
}
