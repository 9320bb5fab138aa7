import type { BlockEnv, TextObject } from './env.js';
import { Text } from './mrkdwn-view.js';

type ContextElement = TextObject | { type: 'image'; image_url: string; alt_text: string };

/** context: small grey text and images in a row. */
export function Context({ block, env }: { block: { elements?: ContextElement[] }; env: BlockEnv }) {
  return (
    <div class="sk-context">
      {(block.elements ?? []).map((el, i) =>
        el.type === 'image' ? (
          <img key={i} class="sk-context-image" src={env.imageSrc(el.image_url)} alt={el.alt_text} />
        ) : (
          <span key={i} class="sk-context-text">
            <Text obj={el} env={env} />
          </span>
        ),
      )}
    </div>
  );
}
