import { useState } from 'preact/hooks';
import type { SlackEphemeralRecord, SlackMessageRecord } from '../../shared/slack-types.js';
import { act } from '../api.js';
import { useLang, useT } from '../i18n.js';
import { timeLabel, tsMs, useUi } from '../ui.js';
import { Blocks } from './blockkit/blocks.js';
import { emojiChar } from './blockkit/mrkdwn.js';
import { Mrkdwn } from './blockkit/mrkdwn-view.js';
import { messageEnv } from './block-env.js';
import { Files } from './files.js';

function Avatar({ name, color, bot }: { name: string; color: string; bot: boolean }) {
  return (
    <span class={`sk-avatar${bot ? ' sk-avatar-bot' : ''}`} style={{ background: color }} aria-hidden="true">
      {bot ? 'つ' : name.slice(0, 1)}
    </span>
  );
}

/** One message as Slack shows it: avatar, name (APP badge for the bot), time, blocks or text, files, reactions, replies, and its ⋮ menu. */
export function Message({ m, inThread = false }: { m: SlackMessageRecord; inThread?: boolean }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const [menu, setMenu] = useState(false);
  const { slack } = ui.snapshot;
  const author = slack.users.find((u) => u.id === m.user);
  const bot = Boolean(m.botId);
  const name = m.username ?? author?.realName ?? m.user;
  const replies = inThread || m.threadTs ? [] : slack.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts && !r.deleted);
  const env = messageEnv(ui, { channel: m.channel, ts: m.ts });
  return (
    <div class={`sk-message${menu ? ' sk-menu-open' : ''}`} data-ts={m.ts} data-testid="slack-message">
      <Avatar name={name} color={author?.color ?? '#888'} bot={bot} />
      <div class="sk-message-main">
        <div class="sk-message-head">
          <b class="sk-author">{name}</b>
          {bot ? <span class="sk-app-badge">{t.app}</span> : null}
          <time class="sk-time">{timeLabel(tsMs(m.ts), ui.snapshot.clock.timeZone, ui.now, lang)}</time>
        </div>
        {m.blocks?.length ? <Blocks blocks={m.blocks} env={env} /> : <div class="sk-text">{m.text ? <Mrkdwn text={m.text} env={env} /> : null}</div>}
        {m.edited ? <span class="sk-edited">{t.edited}</span> : null}
        {m.files?.length ? <Files ids={m.files} files={slack.files} /> : null}
        {m.reactions.length ? (
          <div class="sk-reactions">
            {m.reactions.map((r) => (
              <span key={r.name} class="sk-reaction" title={`:${r.name}:`} data-reaction={r.name}>
                {emojiChar(r.name) ?? `:${r.name}:`} <small>{r.users.length}</small>
              </span>
            ))}
          </div>
        ) : null}
        {replies.length ? (
          <button type="button" class="sk-replies" onClick={() => ui.set({ threadTs: m.ts })}>
            <span class="sk-replies-faces">
              {[...new Set(replies.map((r) => r.user))].slice(0, 3).map((u) => {
                const p = slack.users.find((x) => x.id === u);
                return <Avatar key={u} name={p?.realName ?? u} color={p?.color ?? '#888'} bot={Boolean(p?.isBot)} />;
              })}
            </span>
            {t.replies(replies.length)}
          </button>
        ) : null}
      </div>
      <div class="sk-hover-actions">
        {!inThread && !m.threadTs ? (
          <button type="button" title={t.thread} onClick={() => ui.set({ threadTs: m.ts })}>
            💬
          </button>
        ) : null}
        <button type="button" title={t.moreActions} aria-label={t.moreActions} onClick={() => setMenu(!menu)}>
          ⋮
        </button>
      </div>
      {menu ? (
        <div class="sk-menu" role="menu" onMouseLeave={() => setMenu(false)}>
          <div class="sk-menu-title">{t.shortcutsTitle}</div>
          {slack.shortcuts.map((s) => (
            <button
              key={s.callbackId}
              type="button"
              role="menuitem"
              onClick={() => {
                setMenu(false);
                void act('slack/shortcut', { user: ui.me, callbackId: s.callbackId, channel: m.channel, ts: m.ts });
              }}
            >
              <b>{s.name}</b>
              <small>Tsunagi</small>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** "Only visible to you": the bot's (or Slack's) answer to this person alone. */
export function Ephemeral({ e }: { e: SlackEphemeralRecord }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const notice =
    (e.blocks?.[0] as { type?: string; notice?: string; command?: string; detail?: string } | undefined)?.type === 'sandbox_notice'
      ? (e.blocks![0] as { notice: string; command: string; detail?: string })
      : undefined;
  const env = messageEnv(ui, { channel: e.channel, ts: e.ts, ephemeralId: e.id });
  const bot = e.from === 'bot';
  return (
    <div class="sk-message sk-ephemeral" data-testid="slack-ephemeral">
      <span class={`sk-avatar${bot ? ' sk-avatar-bot' : ' sk-avatar-slackbot'}`} aria-hidden="true">
        {bot ? 'つ' : 'S'}
      </span>
      <div class="sk-message-main">
        <div class="sk-message-head">
          <b class="sk-author">{bot ? 'Tsunagi' : 'Slackbot'}</b>
          {bot ? <span class="sk-app-badge">{t.app}</span> : null}
          <time class="sk-time">{timeLabel(tsMs(e.ts), ui.snapshot.clock.timeZone, ui.now, lang)}</time>
        </div>
        {notice ? (
          <div class="sk-text">
            {notice.notice === 'unknown_command' ? t.unknownCommand(notice.command) : t.dispatchFailed(notice.command, notice.detail ?? '')}
          </div>
        ) : e.blocks?.length ? (
          <Blocks blocks={e.blocks} env={env} />
        ) : (
          <div class="sk-text">
            <Mrkdwn text={e.text} env={env} />
          </div>
        )}
        <div class="sk-ephemeral-note">
          👁 {t.onlyYou} ·{' '}
          <button type="button" class="sk-linklike" onClick={() => void act('slack/ephemeral-dismiss', { id: e.id })}>
            {t.dismiss}
          </button>
        </div>
      </div>
    </div>
  );
}
