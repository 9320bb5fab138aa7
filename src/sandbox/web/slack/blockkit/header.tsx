import type { BlockEnv, TextObject } from './env.js';
import { Text } from './mrkdwn-view.js';

/** header: large bold plain text. */
export function Header({ block, env }: { block: { text?: TextObject }; env: BlockEnv }) {
  return (
    <div class="sk-header">
      <Text obj={block.text} env={env} />
    </div>
  );
}
