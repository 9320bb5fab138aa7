import type { BlockEnv, ElementObject, TextObject } from './env.js';
import { Element } from './elements/element.js';
import { Text } from './mrkdwn-view.js';

/** section: text, fields in two columns, and an accessory on the right. */
export function Section({ block, env }: { block: { block_id?: string; text?: TextObject; fields?: TextObject[]; accessory?: ElementObject }; env: BlockEnv }) {
  return (
    <div class="sk-section">
      <div class="sk-section-body">
        {block.text ? (
          <div class="sk-text">
            <Text obj={block.text} env={env} />
          </div>
        ) : null}
        {block.fields?.length ? (
          <div class="sk-fields">
            {block.fields.map((f, i) => (
              <div key={i} class="sk-field">
                <Text obj={f} env={env} />
              </div>
            ))}
          </div>
        ) : null}
      </div>
      {block.accessory ? (
        <div class="sk-accessory">
          <Element el={block.accessory} blockId={block.block_id ?? ''} env={env} />
        </div>
      ) : null}
    </div>
  );
}
