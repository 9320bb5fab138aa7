import { Actions } from './actions.js';
import { Context } from './context.js';
import { Divider } from './divider.js';
import type { BlockEnv } from './env.js';
import { Header } from './header.js';
import { ImageBlock } from './image.js';
import { Input } from './input.js';
import { RichText } from './rich-text.js';
import { Section } from './section.js';

type AnyBlock = { type: string; block_id?: string } & Record<string, unknown>;

/** A message's or a modal's blocks, each by its own component. */
export function Blocks({ blocks, env }: { blocks: unknown[]; env: BlockEnv }) {
  return (
    <div class="sk-blocks">
      {(blocks as AnyBlock[]).map((block, i) => {
        const key = block.block_id ?? `b${i}`;
        switch (block.type) {
          case 'section':
            return <Section key={key} block={block as never} env={env} />;
          case 'context':
            return <Context key={key} block={block as never} env={env} />;
          case 'header':
            return <Header key={key} block={block as never} env={env} />;
          case 'divider':
            return <Divider key={key} />;
          case 'image':
            return <ImageBlock key={key} block={block as never} env={env} />;
          case 'actions':
            return <Actions key={key} block={block as never} env={env} />;
          case 'input':
            return <Input key={key} block={block as never} env={env} />;
          case 'rich_text':
            return <RichText key={key} block={block as never} env={env} />;
          default:
            return null;
        }
      })}
    </div>
  );
}
