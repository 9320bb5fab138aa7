import type { ComponentChildren } from 'preact';
import type { SlackChannel, SlackUser } from '../../../shared/slack-types.js';
import type { BlockEnv, TextObject } from './env.js';
import { emojiChar, parseMrkdwn, type MrkdwnNode } from './mrkdwn.js';

interface NamesEnv {
  users: SlackUser[];
  channels: SlackChannel[];
  onLink?: BlockEnv['onLink'];
}

function Nodes({ nodes, env }: { nodes: MrkdwnNode[]; env: NamesEnv }) {
  return (
    <>
      {nodes.map((n, i) => (
        <Node key={i} node={n} env={env} />
      ))}
    </>
  );
}

function Node({ node, env }: { node: MrkdwnNode; env: NamesEnv }): ComponentChildren {
  switch (node.t) {
    case 'text':
      return node.v;
    case 'br':
      return <br />;
    case 'bold':
      return (
        <b>
          <Nodes nodes={node.c} env={env} />
        </b>
      );
    case 'italic':
      return (
        <i>
          <Nodes nodes={node.c} env={env} />
        </i>
      );
    case 'strike':
      return (
        <s>
          <Nodes nodes={node.c} env={env} />
        </s>
      );
    case 'code':
      return <code class="sk-code">{node.v}</code>;
    case 'pre':
      return <pre class="sk-pre">{node.v}</pre>;
    case 'quote':
      return (
        <blockquote class="sk-quote">
          <Nodes nodes={node.c} env={env} />
        </blockquote>
      );
    case 'link':
      return (
        <a class="sk-link" href={node.url} target="_blank" rel="noreferrer" onClick={(e) => env.onLink?.(node.url, e)}>
          <Nodes nodes={node.c} env={env} />
        </a>
      );
    case 'user': {
      const user = env.users.find((u) => u.id === node.id);
      return <span class="sk-mention">@{user?.realName ?? node.label ?? node.id}</span>;
    }
    case 'channel': {
      const channel = env.channels.find((c) => c.id === node.id);
      return <span class="sk-mention">#{channel?.name ?? node.label ?? node.id}</span>;
    }
    case 'special':
      return <span class="sk-mention sk-special">@{node.v}</span>;
    case 'emoji':
      return node.char ? (
        <span class="sk-emoji" title={`:${node.name}:`}>
          {node.char}
        </span>
      ) : (
        `:${node.name}:`
      );
  }
}

/** mrkdwn text as Slack shows it. */
export function Mrkdwn({ text, env }: { text: string; env: NamesEnv }) {
  return <Nodes nodes={parseMrkdwn(text)} env={env} />;
}

/** plain_text (emoji shortcodes only) or mrkdwn. */
export function Text({ obj, env }: { obj: TextObject | undefined; env: NamesEnv }) {
  if (!obj) return null;
  if (obj.type === 'mrkdwn') return <Mrkdwn text={obj.text} env={env} />;
  return <>{obj.emoji === false ? obj.text : obj.text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emojiChar(name) ?? whole)}</>;
}
