import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Snapshot } from '../shared/snapshot.js';

/** The page's own choices: who you are in Slack, what is open, which phone is in hand. */
export interface UiState {
  me: string;
  channel: string;
  threadTs: string | null;
  phone: string | null;
  /** Text the tour put into the Slack composer (consumed once). */
  composerFill: { text: string; at: number } | null;
  /** Text a LINE link put into a phone's composer (consumed once). */
  phoneFill: { userId: string; text: string; at: number } | null;
}

export interface Ui extends UiState {
  snapshot: Snapshot;
  now: number;
  set(patch: Partial<UiState>): void;
  /** Opens an add-friend / oaMessage link of LINE on the phone in hand. */
  openLineLink(url: string): void;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('UiContext missing');
  return ui;
}

/** Time in the office's zone: `14:05`, or with the day when not today. */
export function timeLabel(ms: number, timeZone: string, now: number, lang: 'ja' | 'en'): string {
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone, ...o }).format(new Date(ms));
  const sameDay =
    fmt({ year: 'numeric', month: '2-digit', day: '2-digit' }) ===
    new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  return sameDay ? fmt({ hour: '2-digit', minute: '2-digit' }) : fmt({ month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const tsMs = (ts: string): number => Math.round(Number(ts) * 1000);
