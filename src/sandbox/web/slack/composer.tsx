import { useEffect, useRef, useState } from 'preact/hooks';
import { act } from '../api.js';
import { useT } from '../i18n.js';
import { useUi } from '../ui.js';

/**
 * The message box: Enter sends, Shift+Enter breaks the line. A leading `/` runs a slash command (with
 * the hints from the app's manifest, as Slack shows them); `@` offers the workspace's people.
 */
export function Composer({ channel, threadTs, placeholder }: { channel: string; threadTs?: string; placeholder: string }) {
  const ui = useUi();
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const { commands, users } = ui.snapshot.slack;

  // The tour can put a command into the main composer.
  useEffect(() => {
    if (!threadTs && ui.composerFill) {
      setText(ui.composerFill.text);
      ui.set({ composerFill: null });
      area.current?.focus();
    }
  }, [ui.composerFill?.at]);

  const commandWord = /^\/\S*$/.test(text) ? text : undefined;
  const typedCommand = /^(\/\S+)\s/.exec(text)?.[1];
  const hints = commandWord !== undefined ? commands.filter((c) => c.command.startsWith(commandWord)) : [];
  const usage = typedCommand ? commands.find((c) => c.command === typedCommand) : undefined;
  const mention = /(?:^|\s)@([A-Za-z0-9._-]*)$/.exec(text)?.[1];
  const people = mention !== undefined ? users.filter((u) => !u.isBot && (u.name.startsWith(mention) || u.realName.includes(mention))) : [];

  const send = async () => {
    const line = text.trim();
    if (!line || busy) return;
    setBusy(true);
    setText('');
    try {
      if (line.startsWith('/')) await act('slack/command', { user: ui.me, channel, line, ...(threadTs ? { threadTs } : {}) });
      else await act('slack/message', { user: ui.me, channel, text, ...(threadTs ? { threadTs } : {}) });
    } finally {
      setBusy(false);
      area.current?.focus();
    }
  };

  return (
    <div class="sk-composer" data-testid={threadTs ? 'thread-composer' : 'channel-composer'}>
      {hints.length ? (
        <div class="sk-popup" role="listbox">
          {hints.map((c) => (
            <button
              key={c.command}
              type="button"
              role="option"
              class="sk-popup-item"
              onClick={() => {
                setText(`${c.command} `);
                area.current?.focus();
              }}
            >
              <b>{c.command}</b> <span class="sk-usage">{c.usageHint}</span>
              <small>{c.description} · Tsunagi</small>
            </button>
          ))}
        </div>
      ) : usage ? (
        <div class="sk-usage-bar">
          <b>{usage.command}</b> <span class="sk-usage">{usage.usageHint}</span>
        </div>
      ) : people.length ? (
        <div class="sk-popup" role="listbox">
          {people.map((u) => (
            <button key={u.id} type="button" role="option" class="sk-popup-item" onClick={() => setText(text.replace(/@([A-Za-z0-9._-]*)$/, `@${u.name} `))}>
              <b>{u.realName}</b>{' '}
              <span class="sk-usage">
                @{u.name} · {u.title}
              </span>
            </button>
          ))}
        </div>
      ) : null}
      <div class="sk-composer-box">
        <textarea
          ref={area}
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={placeholder}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <button type="button" class="sk-send" aria-label={t.send} disabled={!text.trim() || busy} onClick={() => void send()}>
          ➤
        </button>
      </div>
    </div>
  );
}
