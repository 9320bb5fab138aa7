import { useEffect, useRef, useState } from 'preact/hooks';
import { MEDIA_SAMPLES, PLACES, STICKERS } from '../../shared/catalog.js';
import type { LineChatItem, LinePhone } from '../../shared/line-types.js';
import { act } from '../api.js';
import { useLang, useT } from '../i18n.js';
import { useUi } from '../ui.js';
import { AddFriend } from './add-friend.js';
import { LineMessage } from './line-message.js';

const clockText = (ms: number, timeZone: string, lang: 'ja' | 'en') =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { timeZone, hour: 'numeric', minute: '2-digit', hour12: lang === 'ja' ? true : true }).format(
    new Date(ms),
  );

const dayText = (ms: number, timeZone: string, lang: 'ja' | 'en') =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { timeZone, month: 'numeric', day: 'numeric', weekday: 'short' }).format(new Date(ms));

function Bubble({ item, phone, onLink }: { item: LineChatItem; phone: LinePhone; onLink: (url: string, e: MouseEvent) => void }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const [menu, setMenu] = useState(false);
  const hold = useRef<number | undefined>(undefined);
  const mine = item.from === 'user';
  if (item.unsent) return <div class="ln-system">{t.unsent}</div>;
  const tap = (action: Record<string, unknown>) => {
    if (action.type === 'uri' && typeof action.uri === 'string') {
      if (/^https:\/\/line\.me\/R\//.test(action.uri)) ui.openLineLink(action.uri);
      else window.open(action.uri, '_blank', 'noreferrer');
      return;
    }
    void act('line/tap', { userId: phone.userId, action });
  };
  const startHold = () => {
    if (mine) hold.current = window.setTimeout(() => setMenu(true), 600);
  };
  const endHold = () => window.clearTimeout(hold.current);
  return (
    <div
      class={`ln-row ${mine ? 'ln-mine' : 'ln-theirs'}`}
      data-testid={mine ? 'line-mine' : 'line-theirs'}
      onContextMenu={(e) => {
        if (!mine) return;
        e.preventDefault();
        setMenu(true);
      }}
      onPointerDown={startHold}
      onPointerUp={endHold}
      onPointerLeave={endHold}
    >
      {!mine ? <span class="ln-oa-avatar ln-small">つ</span> : null}
      <div class="ln-content">
        <LineMessage
          m={item.message}
          tap={tap}
          onLink={onLink}
          {...(item.message.type === 'image' && mine ? { contentUrl: `/line-content/${item.id}` } : {})}
        />
        <div class="ln-meta">
          {mine ? <span>{lang === 'ja' ? '既読' : 'Read'}</span> : null}
          <span>{clockText(item.at, ui.snapshot.clock.timeZone, lang)}</span>
        </div>
      </div>
      {menu ? (
        <div class="ln-menu" role="menu" onMouseLeave={() => setMenu(false)}>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false);
              void act('line/unsend', { userId: phone.userId, messageId: item.id });
            }}
          >
            {t.unsend}
          </button>
        </div>
      ) : null}
    </div>
  );
}

type Panel = 'stickers' | 'media' | 'places' | null;

/** One phone: the chat with the office's account, its quick replies, and a composer with stickers, samples and places. */
export function Phone({ phone }: { phone: LinePhone }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState('');
  const [panel, setPanel] = useState<Panel>(null);
  const [menu, setMenu] = useState(false);
  const chatRef = useRef<HTMLDivElement>(null);
  const { line, clock } = ui.snapshot;
  const chat = line.chats[phone.userId] ?? [];

  useEffect(() => {
    if (ui.phoneFill && ui.phoneFill.userId === phone.userId) {
      setText(ui.phoneFill.text);
      ui.set({ phoneFill: null });
    }
  }, [ui.phoneFill?.at]);
  useEffect(() => {
    const el = chatRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.length, phone.userId]);

  const last = chat[chat.length - 1];
  const quick = last?.from === 'bot' ? ((last.message.quickReply as { items?: Array<{ action: Record<string, unknown> }> } | undefined)?.items ?? []) : [];
  const onLink = (url: string, e: MouseEvent) => {
    if (/^https:\/\/line\.me\/R\//.test(url)) {
      e.preventDefault();
      ui.openLineLink(url);
    }
  };
  const send = async (message: Record<string, unknown>) => {
    setPanel(null);
    await act('line/message', { userId: phone.userId, message });
  };
  const sendText = async () => {
    if (!text.trim()) return;
    const value = text;
    setText('');
    await send({ type: 'text', text: value });
  };

  let previousDay = '';
  return (
    <div class="ln-phone" data-testid="line-phone" data-phone={phone.displayName}>
      <div class="ln-status">
        <span>{clockText(ui.now, clock.timeZone, lang)}</span>
        <span>📶 🔋</span>
      </div>
      <header class="ln-head">
        <span class="ln-back">‹</span>
        <b>{line.bot.displayName}</b>
        <button type="button" class="ln-menu-button" aria-label="menu" onClick={() => setMenu(!menu)}>
          ≡
        </button>
        {menu ? (
          <div class="ln-menu ln-phone-menu" role="menu" onMouseLeave={() => setMenu(false)}>
            {phone.friendship === 'friend' ? (
              <button type="button" role="menuitem" onClick={() => (setMenu(false), void act('line/block', { userId: phone.userId }))}>
                {t.block}
              </button>
            ) : null}
            {phone.friendship === 'blocked' ? (
              <button type="button" role="menuitem" onClick={() => (setMenu(false), void act('line/follow', { userId: phone.userId }))}>
                {t.unblock}
              </button>
            ) : null}
            <button type="button" role="menuitem" onClick={() => (setMenu(false), void act('line/remove', { userId: phone.userId }), ui.set({ phone: null }))}>
              {t.removePhone}
            </button>
          </div>
        ) : null}
      </header>
      {phone.friendship !== 'friend' && chat.length === 0 ? (
        <AddFriend phone={phone} />
      ) : (
        <>
          <div class="ln-chat" ref={chatRef} data-testid="line-chat">
            {chat.map((item) => {
              const day = dayText(item.at, clock.timeZone, lang);
              const separator = day !== previousDay ? <div class="ln-day">{day}</div> : null;
              previousDay = day;
              return (
                <div key={item.id}>
                  {separator}
                  <Bubble item={item} phone={phone} onLink={onLink} />
                </div>
              );
            })}
            {phone.friendship === 'blocked' ? <div class="ln-system">{t.blockedNote}</div> : null}
          </div>
          {phone.friendship === 'friend' && quick.length ? (
            <div class="ln-quick" data-testid="line-quick-replies">
              {quick.map((q, i) => (
                <button key={i} type="button" class="ln-quick-item" onClick={() => void act('line/tap', { userId: phone.userId, action: q.action })}>
                  {String(q.action.label ?? '')}
                </button>
              ))}
            </div>
          ) : null}
          {phone.friendship === 'friend' ? (
            <>
              {panel ? (
                <div class="ln-panel">
                  {panel === 'stickers'
                    ? STICKERS.map((s) => (
                        <button
                          key={s.stickerId}
                          type="button"
                          class="ln-panel-sticker"
                          title={s.keywords[0]}
                          onClick={() => void send({ type: 'sticker', stickerId: s.stickerId })}
                        >
                          <img src={`/samples/${s.file}`} alt={s.keywords[0]} />
                        </button>
                      ))
                    : panel === 'media'
                      ? MEDIA_SAMPLES.map((m) => (
                          <button key={m.id} type="button" class="ln-panel-item" onClick={() => void send({ type: 'media', sampleId: m.id })}>
                            {m.kind === 'image' ? <img src={`/samples/${m.file}`} alt="" /> : <span class="ln-file-icon">📄</span>}
                            <small>{lang === 'ja' ? m.labelJa : m.labelEn}</small>
                          </button>
                        ))
                      : PLACES.map((p) => (
                          <button key={p.id} type="button" class="ln-panel-item" onClick={() => void send({ type: 'location', placeId: p.id })}>
                            <span class="ln-file-icon">📍</span>
                            <small>{p.title}</small>
                          </button>
                        ))}
                </div>
              ) : null}
              <div class="ln-composer">
                <button
                  type="button"
                  class={`ln-tool${panel === 'stickers' ? ' ln-on' : ''}`}
                  title={t.stickers}
                  aria-label={t.stickers}
                  onClick={() => setPanel(panel === 'stickers' ? null : 'stickers')}
                >
                  😊
                </button>
                <button
                  type="button"
                  class={`ln-tool${panel === 'media' ? ' ln-on' : ''}`}
                  title={t.photos}
                  aria-label={t.photos}
                  onClick={() => setPanel(panel === 'media' ? null : 'media')}
                >
                  🖼
                </button>
                <button
                  type="button"
                  class={`ln-tool${panel === 'places' ? ' ln-on' : ''}`}
                  title={t.locations}
                  aria-label={t.locations}
                  onClick={() => setPanel(panel === 'places' ? null : 'places')}
                >
                  📍
                </button>
                <input
                  value={text}
                  placeholder={t.typeMessage}
                  aria-label={t.typeMessage}
                  onInput={(e) => setText((e.target as HTMLInputElement).value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.isComposing) void sendText();
                  }}
                />
                <button type="button" class="ln-send" aria-label={t.send} disabled={!text.trim()} onClick={() => void sendText()}>
                  ➤
                </button>
              </div>
            </>
          ) : phone.friendship === 'blocked' ? (
            <div class="ln-blocked-bar">
              <button type="button" class="ln-primary" onClick={() => void act('line/follow', { userId: phone.userId })}>
                {t.unblock}
              </button>
            </div>
          ) : (
            <AddFriend phone={phone} />
          )}
        </>
      )}
    </div>
  );
}
