import type { ComponentChildren } from 'preact';
import { STICKERS } from '../../shared/catalog.js';
import type { LineMessageObject } from '../../shared/line-types.js';
import { useT } from '../i18n.js';

type Action = Record<string, unknown> & { type?: string; label?: string };

export interface Tap {
  (action: Action): void;
}

const stickerSrc = (stickerId: unknown) => {
  const known = STICKERS.find((s) => s.stickerId === String(stickerId));
  return known ? `/samples/${known.file}` : undefined;
};

/** Text with its URLs as links (LINE makes them tappable). */
function Linkified({ text, onLink }: { text: string; onLink: (url: string, e: MouseEvent) => void }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} target="_blank" rel="noreferrer" onClick={(e) => onLink(p, e)}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </>
  );
}

function ActionButton({ action, tap, kind = 'template' }: { action: Action; tap: Tap; kind?: string }) {
  return (
    <button type="button" class={`ln-action ln-action-${kind}`} onClick={() => tap(action)}>
      {String(action.label ?? '')}
    </button>
  );
}

function Template({ m, tap }: { m: LineMessageObject; tap: Tap }) {
  const template = m.template as Record<string, unknown>;
  const actions = (template.actions as Action[] | undefined) ?? [];
  switch (template.type) {
    case 'confirm':
      return (
        <div class="ln-card ln-confirm">
          <div class="ln-card-text">{String(template.text ?? '')}</div>
          <div class="ln-confirm-actions">
            {actions.map((a, i) => (
              <ActionButton key={i} action={a} tap={tap} />
            ))}
          </div>
        </div>
      );
    case 'buttons':
      return (
        <div class="ln-card ln-buttons">
          {typeof template.thumbnailImageUrl === 'string' ? <div class="ln-thumb" /> : null}
          {template.title ? <div class="ln-card-title">{String(template.title)}</div> : null}
          <div class="ln-card-text">{String(template.text ?? '')}</div>
          <div class="ln-card-actions">
            {actions.map((a, i) => (
              <ActionButton key={i} action={a} tap={tap} />
            ))}
          </div>
        </div>
      );
    case 'carousel':
    case 'image_carousel':
      return (
        <div class="ln-carousel">
          {((template.columns as Array<Record<string, unknown>> | undefined) ?? []).map((col, i) => (
            <div key={i} class="ln-card ln-buttons">
              {col.title ? <div class="ln-card-title">{String(col.title)}</div> : null}
              <div class="ln-card-text">{String(col.text ?? '')}</div>
              <div class="ln-card-actions">
                {(((col.actions as Action[] | undefined) ?? (col.action ? [col.action as Action] : [])) as Action[]).map((a, j) => (
                  <ActionButton key={j} action={a} tap={tap} />
                ))}
              </div>
            </div>
          ))}
        </div>
      );
    default:
      return <div class="ln-bubble">{String(m.altText ?? '')}</div>;
  }
}

type FlexNode = Record<string, unknown> & { type: string };

const SIZES: Record<string, string> = {
  xxs: '10px',
  xs: '11px',
  sm: '12px',
  md: '14px',
  lg: '16px',
  xl: '18px',
  xxl: '21px',
  '3xl': '24px',
  '4xl': '28px',
  '5xl': '32px',
};

function Flex({ node, tap }: { node: FlexNode; tap: Tap }): ComponentChildren {
  switch (node.type) {
    case 'carousel':
      return (
        <div class="ln-carousel">
          {((node.contents as FlexNode[] | undefined) ?? []).map((b, i) => (
            <Flex key={i} node={b} tap={tap} />
          ))}
        </div>
      );
    case 'bubble':
      return (
        <div class="ln-card ln-flex-bubble">
          {(['header', 'hero', 'body', 'footer'] as const).map((part) =>
            node[part] ? (
              <div key={part} class={`ln-flex-${part}`}>
                {<Flex node={node[part] as FlexNode} tap={tap} />}
              </div>
            ) : null,
          )}
        </div>
      );
    case 'box':
      return (
        <div
          class={`ln-flex-box ln-flex-${String(node.layout ?? 'vertical')}`}
          style={{ gap: node.spacing ? '6px' : undefined, background: typeof node.backgroundColor === 'string' ? node.backgroundColor : undefined }}
        >
          {((node.contents as FlexNode[] | undefined) ?? []).map((c, i) => (
            <Flex key={i} node={c} tap={tap} />
          ))}
        </div>
      );
    case 'text':
      return (
        <div
          class="ln-flex-text"
          style={{
            fontSize: SIZES[String(node.size ?? 'md')] ?? String(node.size),
            fontWeight: node.weight === 'bold' ? 700 : 400,
            color: typeof node.color === 'string' ? node.color : undefined,
            whiteSpace: node.wrap ? 'pre-wrap' : 'nowrap',
            textAlign: (node.align as 'start' | 'center' | 'end' | undefined) === 'center' ? 'center' : node.align === 'end' ? 'right' : undefined,
            flex: typeof node.flex === 'number' ? node.flex : undefined,
          }}
        >
          {String(node.text ?? '')}
        </div>
      );
    case 'button': {
      const action = (node.action as Action | undefined) ?? {};
      return (
        <button type="button" class={`ln-action ln-flex-button ln-flex-button-${String(node.style ?? 'link')}`} onClick={() => tap(action)}>
          {String(action.label ?? '')}
        </button>
      );
    }
    case 'separator':
      return <hr class="ln-flex-separator" />;
    case 'image':
      return <div class="ln-thumb" title={String(node.url ?? '')} />;
    case 'icon':
      return <span class="ln-flex-icon">●</span>;
    default:
      return null;
  }
}

/** A message on the phone: text, sticker, picture, file, place, templates and flex messages as LINE draws them. */
export function LineMessage({
  m,
  tap,
  onLink,
  contentUrl,
}: {
  m: LineMessageObject;
  tap: Tap;
  onLink: (url: string, e: MouseEvent) => void;
  contentUrl?: string;
}) {
  const t = useT();
  switch (m.type) {
    case 'text':
      return (
        <div class="ln-bubble">
          <Linkified text={String(m.text ?? '')} onLink={onLink} />
        </div>
      );
    case 'sticker': {
      const src = stickerSrc(m.stickerId);
      return src ? (
        <img class="ln-sticker" src={src} alt={((m.keywords as string[] | undefined) ?? []).join(' ') || 'sticker'} />
      ) : (
        <div class="ln-bubble">[sticker]</div>
      );
    }
    case 'image':
      return contentUrl ? <img class="ln-image" src={contentUrl} alt="" /> : <div class="ln-image ln-image-missing">🖼</div>;
    case 'file':
      return (
        <div class="ln-bubble ln-file">
          <span class="ln-file-icon">📄</span>
          <span>
            <b>{String(m.fileName ?? '')}</b>
            <small>{t.fileSize(Math.max(1, Math.round(Number(m.fileSize ?? 0) / 1024)))}</small>
          </span>
        </div>
      );
    case 'location':
      return (
        <div class="ln-card ln-location">
          <div class="ln-map">📍</div>
          <b>{String(m.title ?? '')}</b>
          <small>{String(m.address ?? '')}</small>
        </div>
      );
    case 'template':
      return <Template m={m} tap={tap} />;
    case 'flex':
      return <Flex node={m.contents as FlexNode} tap={tap} />;
    default:
      return <div class="ln-bubble">{String(m.altText ?? `[${m.type}]`)}</div>;
  }
}
