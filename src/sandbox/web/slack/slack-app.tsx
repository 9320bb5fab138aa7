import { useEffect, useRef, useState } from 'preact/hooks';
import type { SlackChannel, SlackEphemeralRecord, SlackMessageRecord } from '../../shared/slack-types.js';
import { useT } from '../i18n.js';
import { useUi } from '../ui.js';
import { Composer } from './composer.js';
import { Ephemeral, Message } from './message.js';
import { Modal } from './modal.js';

type Item = { kind: 'message'; m: SlackMessageRecord } | { kind: 'ephemeral'; e: SlackEphemeralRecord };

const byTs = (a: Item, b: Item) => Number(a.kind === 'message' ? a.m.ts : a.e.ts) - Number(b.kind === 'message' ? b.m.ts : b.e.ts);

/** Keeps a scrolling list at its bottom when something new arrives (unless the person scrolled up). */
function useStickToBottom(dep: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const key = String(dep).split(':')[0];
  useEffect(() => {
    stuck.current = true;
  }, [key]);
  useEffect(() => {
    const el = ref.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [dep]);
  const onScroll = () => {
    const el = ref.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };
  // Pictures load after the list rendered: stay at the bottom as they grow it.
  const onLoadCapture = () => {
    const el = ref.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  };
  return { ref, onScroll, onLoadCapture };
}

/** A channel as the sidebar names it; the DM with the bot is under Apps as the app's name. */
function channelLabel(c: SlackChannel): string {
  return c.isIm ? 'Tsunagi' : `# ${c.name}`;
}

function Sidebar({ unread }: { unread: (c: SlackChannel) => number }) {
  const ui = useUi();
  const t = useT();
  const { slack } = ui.snapshot;
  const channels = slack.channels.filter((c) => !c.isIm && c.members.includes(ui.me));
  const ims = slack.channels.filter((c) => c.isIm && c.imUser === ui.me);
  const row = (c: SlackChannel) => {
    const n = unread(c);
    return (
      <li key={c.id}>
        <button
          type="button"
          class={`sk-channel${c.id === ui.channel ? ' sk-active' : ''}${n ? ' sk-unread' : ''}`}
          data-channel={c.isIm ? 'dm' : c.name}
          onClick={() => ui.set({ channel: c.id, threadTs: null })}
        >
          {c.isIm ? <span class="sk-dm-icon">つ</span> : null}
          {channelLabel(c)}
          {n ? <span class="sk-badge">{n}</span> : null}
        </button>
      </li>
    );
  };
  return (
    <nav class="sk-sidebar">
      <div class="sk-team">{slack.team.name}</div>
      <label class="sk-me">
        {t.you}
        <select value={ui.me} aria-label={t.you} onChange={(e) => ui.set({ me: (e.target as HTMLSelectElement).value, threadTs: null })}>
          {slack.users
            .filter((u) => !u.isBot)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.realName}（{u.title}）
              </option>
            ))}
        </select>
      </label>
      <div class="sk-section-title">{t.channels}</div>
      <ul>{channels.map(row)}</ul>
      <div class="sk-section-title">{t.apps}</div>
      <ul>{ims.map(row)}</ul>
    </nav>
  );
}

function ChannelView({ channel }: { channel: SlackChannel }) {
  const ui = useUi();
  const t = useT();
  const { slack } = ui.snapshot;
  const items: Item[] = [
    ...slack.messages.filter((m) => m.channel === channel.id && !m.deleted && (!m.threadTs || m.replyBroadcast)).map((m): Item => ({ kind: 'message', m })),
    ...slack.ephemerals.filter((e) => e.channel === channel.id && e.user === ui.me && !e.threadTs && !e.hidden).map((e): Item => ({ kind: 'ephemeral', e })),
  ].sort(byTs);
  const { ref, onScroll, onLoadCapture } = useStickToBottom(`${channel.id}:${items.length}:${slack.messages.length}`);
  const botIn = channel.members.includes(slack.botUserId);
  return (
    <section class="sk-main" data-testid="slack-channel">
      <header class="sk-main-head">
        <b>{channelLabel(channel)}</b>
        {channel.topic ? <span class="sk-topic">{channel.topic}</span> : null}
        {!channel.isIm && !botIn ? <span class="sk-topic">· {t.notInChannel}</span> : null}
      </header>
      <div class="sk-messages" ref={ref} onScroll={onScroll} onLoadCapture={onLoadCapture}>
        {items.map((item) => (item.kind === 'message' ? <Message key={item.m.ts} m={item.m} /> : <Ephemeral key={item.e.id} e={item.e} />))}
      </div>
      <Composer channel={channel.id} placeholder={channel.isIm ? t.dmPlaceholder('Tsunagi') : t.messageTo(channel.name)} />
    </section>
  );
}

function ThreadView({ channel, threadTs }: { channel: SlackChannel; threadTs: string }) {
  const ui = useUi();
  const t = useT();
  const { slack } = ui.snapshot;
  const root = slack.messages.find((m) => m.channel === channel.id && m.ts === threadTs);
  const items: Item[] = [
    ...slack.messages.filter((m) => m.channel === channel.id && m.threadTs === threadTs && !m.deleted).map((m): Item => ({ kind: 'message', m })),
    ...slack.ephemerals
      .filter((e) => e.channel === channel.id && e.user === ui.me && e.threadTs === threadTs && !e.hidden)
      .map((e): Item => ({ kind: 'ephemeral', e })),
  ].sort(byTs);
  const { ref, onScroll, onLoadCapture } = useStickToBottom(`${threadTs}:${items.length}`);
  return (
    <aside class="sk-thread" data-testid="slack-thread">
      <header class="sk-main-head">
        <b>{t.thread}</b>
        <span class="sk-topic">{channelLabel(channel)}</span>
        <button type="button" class="sk-close" aria-label={t.closeThread} onClick={() => ui.set({ threadTs: null })}>
          ✕
        </button>
      </header>
      <div class="sk-messages" ref={ref} onScroll={onScroll} onLoadCapture={onLoadCapture}>
        {root && !root.deleted ? <Message m={root} inThread /> : null}
        <div class="sk-thread-count">{t.replies(items.filter((i) => i.kind === 'message').length)}</div>
        {items.map((item) => (item.kind === 'message' ? <Message key={item.m.ts} m={item.m} inThread /> : <Ephemeral key={item.e.id} e={item.e} />))}
      </div>
      <Composer channel={channel.id} threadTs={threadTs} placeholder={t.replyPlaceholder} />
    </aside>
  );
}

/** The Slack side: sidebar, channel, thread, and the modal on top when the app opened one for you. */
export function SlackApp() {
  const ui = useUi();
  const { slack } = ui.snapshot;
  const [seen, setSeen] = useState<Record<string, number>>({});
  const channel = slack.channels.find((c) => c.id === ui.channel) ?? slack.channels.find((c) => !c.isIm && c.members.includes(ui.me));
  const lastTs = (c: SlackChannel) => Math.max(0, ...slack.messages.filter((m) => m.channel === c.id && !m.deleted).map((m) => Number(m.ts)));
  useEffect(() => {
    if (channel) setSeen((s) => ({ ...s, [`${ui.me}:${channel.id}`]: lastTs(channel) }));
  }, [channel?.id, slack.messages.length, ui.me]);
  const unread = (c: SlackChannel) => {
    if (c.id === channel?.id) return 0;
    const since = seen[`${ui.me}:${c.id}`];
    if (since === undefined) return 0;
    return slack.messages.filter((m) => m.channel === c.id && !m.deleted && Number(m.ts) > since && m.user !== ui.me).length;
  };
  // Channels seen for the first time count from now.
  useEffect(() => {
    const missing = slack.channels.filter((c) => seen[`${ui.me}:${c.id}`] === undefined);
    if (missing.length) setSeen((s) => ({ ...s, ...Object.fromEntries(missing.map((c) => [`${ui.me}:${c.id}`, lastTs(c)])) }));
  }, [slack.channels.length, ui.me]);
  const views = slack.views.filter((v) => v.user === ui.me && v.open);
  const top = views[views.length - 1];
  return (
    <div class="sk-app">
      <Sidebar unread={unread} />
      {channel ? <ChannelView channel={channel} /> : <section class="sk-main" />}
      {channel && ui.threadTs ? <ThreadView channel={channel} threadTs={ui.threadTs} /> : null}
      {top ? <Modal key={top.id} view={top} /> : null}
    </div>
  );
}
