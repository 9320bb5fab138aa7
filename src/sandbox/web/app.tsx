import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { act, onActionError, useDemoNow, useLive } from './api.js';
import { LangContext, TEXTS, type Lang } from './i18n.js';
import { LineApp } from './line/line-app.js';
import { SlackApp } from './slack/slack-app.js';
import { Tour } from './tour.js';
import { UiContext, useUi, type Ui, type UiState } from './ui.js';

const LANG_KEY = 'tsunagi-demo-lang';

function durationText(ms: number, lang: Lang): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (lang === 'ja') return [d ? `${d}日` : '', h ? `${h}時間` : '', !d && m ? `${m}分` : ''].join('') || '0分';
  return [d ? `${d}d` : '', h ? `${h}h` : '', !d && m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}

function ClockBar({ lang, onTour }: { lang: Lang; onTour: () => void }) {
  const ui = useUi();
  const t = TEXTS[lang];
  const [busy, setBusy] = useState(false);
  const { clock } = ui.snapshot;
  const fmt = (ms: number, o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: clock.timeZone, ...o }).format(new Date(ms));
  const move = async (by: number | 'next-reminder') => {
    setBusy(true);
    try {
      await act('clock', { by });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="clock-bar" data-testid="clock">
      <span class="clock-label">🕒 {t.clock}</span>
      <b class="clock-now" data-testid="clock-now">
        {fmt(ui.now, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' })}{' '}
        {fmt(ui.now, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
      </b>
      {clock.offsetMs > 60_000 ? <small class="clock-ahead">{t.ahead(durationText(clock.offsetMs, lang))}</small> : null}
      <button type="button" disabled={busy} onClick={() => void move(3_600_000)} data-testid="clock-hour">
        {t.plusHour}
      </button>
      <button type="button" disabled={busy} onClick={() => void move(86_400_000)} data-testid="clock-day">
        {t.plusDay}
      </button>
      <button
        type="button"
        disabled={busy || clock.nextReminderAt === null}
        onClick={() => void move('next-reminder')}
        data-testid="clock-next"
        title={
          clock.nextReminderAt ? t.nextAt(fmt(clock.nextReminderAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })) : t.noReminder
        }
      >
        ⏭ {t.nextReminder}
        {clock.nextReminderAt ? <small> ({fmt(clock.nextReminderAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })})</small> : null}
      </button>
      <span class="clock-spacer" />
      <button type="button" onClick={onTour} data-testid="tour-button">
        🧭 {t.tour}
      </button>
      <button
        type="button"
        data-testid="reset"
        onClick={() => {
          if (window.confirm(t.resetConfirm)) void act('reset');
        }}
      >
        ↺ {t.reset}
      </button>
    </div>
  );
}

/** The page: the demo's controls on top, Slack on the left, the phones on the right. */
export function App() {
  const { live, connected } = useLive();
  const now = useDemoNow(live);
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ja'));
  const [state, setState] = useState<UiState>({ me: 'U0SATO', channel: 'C0SHIEN', threadTs: null, phone: null, composerFill: null, phoneFill: null });
  const [tour, setTour] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const t = TEXTS[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(LANG_KEY, lang);
  }, [lang]);
  useEffect(() => {
    onActionError((message) => {
      setProblem(message);
      setTimeout(() => setProblem(null), 6000);
    });
  }, []);

  const ui = useMemo<Ui | null>(() => {
    if (!live) return null;
    const value: Ui = {
      ...state,
      snapshot: live.snapshot,
      now,
      set: (patch) => setState((s) => ({ ...s, ...patch })),
      openLineLink: (url) => {
        const m = /^https:\/\/line\.me\/R\/(?:oaMessage\/([^/]+)\/?\?(.*)|ti\/p\/([^/?#]+))/.exec(url);
        const basicId = m ? decodeURIComponent(m[1] ?? m[3] ?? '') : '';
        if (!m || basicId !== live.snapshot.line.bot.basicId) return setProblem(url);
        const phone = live.snapshot.line.phones.find((p) => p.userId === state.phone) ?? live.snapshot.line.phones[0];
        if (!phone) return setProblem(t.addPhone);
        setState((s) => ({
          ...s,
          phone: phone.userId,
          ...(m[2] ? { phoneFill: { userId: phone.userId, text: decodeURIComponent(m[2]), at: Date.now() } } : {}),
        }));
        if (phone.friendship !== 'friend') void act('line/follow', { userId: phone.userId });
      },
    };
    return value;
  }, [live, state, now]);

  // The first view: the first case thread with LINE talk in it, and a phone that took part (once).
  const opened = useRef(false);
  useEffect(() => {
    if (!live || opened.current) return;
    const relayed = live.snapshot.slack.messages.find((m) => m.metadata?.event_type === 'tsunagi_message' && m.threadTs);
    if (!relayed) return;
    opened.current = true;
    const phone = live.snapshot.line.phones.find((p) => p.friendship === 'friend');
    setState((s) => ({ ...s, channel: relayed.channel, threadTs: s.threadTs ?? relayed.threadTs ?? null, phone: s.phone ?? phone?.userId ?? null }));
  }, [live?.snapshot.slack.messages.length]);

  return (
    <LangContext.Provider value={{ lang, t }}>
      <div class="page">
        <header class="topbar">
          <div class="brand">
            <b>{t.title}</b>
            <small>{t.subtitle}</small>
          </div>
          {ui ? (
            <UiContext.Provider value={ui}>
              <ClockBar lang={lang} onTour={() => setTour(0)} />
            </UiContext.Provider>
          ) : null}
          <button type="button" class="lang" onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')} data-testid="lang">
            {t.language}
          </button>
        </header>
        {!ui ? (
          <div class="boot">{t.connecting}</div>
        ) : (
          <UiContext.Provider value={ui}>
            {ui.snapshot.status.seeding || ui.snapshot.status.resetting ? (
              <div class="status-strip" data-testid="seeding">
                ⏳ {ui.snapshot.status.resetting ? t.resetting : `${t.seeding}: ${t.seedSteps[ui.snapshot.status.seeding ?? ''] ?? ''}…`}
              </div>
            ) : null}
            {ui.snapshot.status.problem ? <div class="status-strip status-problem">{ui.snapshot.status.problem}</div> : null}
            {!connected ? <div class="status-strip status-problem">{t.connecting}</div> : null}
            <main class="panes">
              <section class="pane pane-slack" aria-label="Slack">
                <h2 class="pane-title">
                  <span class="logo-slack">#</span> {t.slack}
                </h2>
                <SlackApp />
              </section>
              <section class="pane pane-line" aria-label="LINE">
                <h2 class="pane-title">
                  <span class="logo-line">LINE</span>
                </h2>
                <LineApp />
              </section>
            </main>
            {tour !== null ? <Tour step={tour} setStep={setTour} /> : null}
          </UiContext.Provider>
        )}
        {problem ? (
          <div class="toast" role="alert">
            {t.problem}: {problem}
          </div>
        ) : null}
      </div>
    </LangContext.Provider>
  );
}
