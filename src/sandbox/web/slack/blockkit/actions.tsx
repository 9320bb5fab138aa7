import type { BlockEnv, ElementObject } from './env.js';
import { Element } from './elements/element.js';

/** actions: buttons, selects and pickers in a row; each use reaches the app at once. */
export function Actions({ block, env }: { block: { block_id?: string; elements?: ElementObject[] }; env: BlockEnv }) {
  return (
    <div class="sk-actions">
      {(block.elements ?? []).map((el, i) => (
        <Element key={`${String(el.action_id)}-${i}`} el={el} blockId={block.block_id ?? ''} env={env} />
      ))}
    </div>
  );
}
