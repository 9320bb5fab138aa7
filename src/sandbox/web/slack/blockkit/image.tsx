import type { BlockEnv, TextObject } from './env.js';
import { Text } from './mrkdwn-view.js';

/** image: an optional title above the picture (shown through Slack's image proxy). */
export function ImageBlock({ block, env }: { block: { image_url?: string; alt_text?: string; title?: TextObject }; env: BlockEnv }) {
  return (
    <figure class="sk-image">
      {block.title ? (
        <figcaption class="sk-image-title">
          <Text obj={block.title} env={env} />
        </figcaption>
      ) : null}
      <img src={env.imageSrc(block.image_url ?? '')} alt={block.alt_text ?? ''} title={block.alt_text ?? ''} />
    </figure>
  );
}
