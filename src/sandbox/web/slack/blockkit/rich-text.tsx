import type { BlockEnv } from './env.js';

type RichElement = {
  type: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  url?: string;
  name?: string;
  elements?: RichElement[];
  style?: Record<string, boolean>;
};

/** rich_text (what Slack's composer sends): sections, quotes, preformatted, lists; styled runs. */
export function RichText({ block, env }: { block: { elements?: RichElement[] }; env: BlockEnv }) {
  const run = (el: RichElement, i: number) => {
    if (el.type === 'user')
      return (
        <span key={i} class="sk-mention">
          @{env.users.find((u) => u.id === el.user_id)?.realName ?? el.user_id}
        </span>
      );
    if (el.type === 'channel')
      return (
        <span key={i} class="sk-mention">
          #{env.channels.find((c) => c.id === el.channel_id)?.name ?? el.channel_id}
        </span>
      );
    if (el.type === 'link')
      return (
        <a key={i} class="sk-link" href={el.url} target="_blank" rel="noreferrer">
          {el.text ?? el.url}
        </a>
      );
    let node: preact.ComponentChildren = el.text ?? (el.type === 'emoji' ? `:${el.name}:` : '');
    if (el.style?.bold) node = <b>{node}</b>;
    if (el.style?.italic) node = <i>{node}</i>;
    if (el.style?.strike) node = <s>{node}</s>;
    if (el.style?.code) node = <code class="sk-code">{node}</code>;
    return <span key={i}>{node}</span>;
  };
  return (
    <div class="sk-text sk-rich">
      {(block.elements ?? []).map((section, i) => {
        const runs = (section.elements ?? []).map(run);
        if (section.type === 'rich_text_quote')
          return (
            <blockquote key={i} class="sk-quote">
              {runs}
            </blockquote>
          );
        if (section.type === 'rich_text_preformatted')
          return (
            <pre key={i} class="sk-pre">
              {runs}
            </pre>
          );
        if (section.type === 'rich_text_list')
          return (
            <ul key={i}>
              {(section.elements ?? []).map((item, j) => (
                <li key={j}>{(item.elements ?? []).map(run)}</li>
              ))}
            </ul>
          );
        return <div key={i}>{runs}</div>;
      })}
    </div>
  );
}
