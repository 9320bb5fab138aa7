import { useEffect, useState } from 'preact/hooks';
import type { ActionAnswer, Snapshot } from '../shared/snapshot.js';

export interface Live {
  snapshot: Snapshot;
  /** Date.now() when the snapshot arrived (the page's clock runs on from the demo's). */
  receivedAt: number;
}

/** The sandbox's state, live: one server-sent event per change. */
export function useLive(): { live: Live | undefined; connected: boolean } {
  const [live, setLive] = useState<Live>();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/events');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (event: MessageEvent<string>) => {
      setLive({ snapshot: JSON.parse(event.data) as Snapshot, receivedAt: Date.now() });
      setConnected(true);
    };
    return () => source.close();
  }, []);
  return { live, connected };
}

/** The demo clock now, ticking every second between snapshots. */
export function useDemoNow(live: Live | undefined): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!live) return Date.now();
  return live.snapshot.clock.now + (Date.now() - live.receivedAt);
}

export type ActionError = (message: string) => void;
let reportError: ActionError = () => {};

export function onActionError(handler: ActionError): void {
  reportError = handler;
}

/** One of the page's actions (each becomes the platform's signed request to the bot). */
export async function act(path: string, body: Record<string, unknown> = {}): Promise<ActionAnswer> {
  try {
    const res = await fetch(`/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await res.json()) as ActionAnswer;
    if (!answer.ok) reportError(answer.error ?? String(res.status));
    return answer;
  } catch (error) {
    reportError(error instanceof Error ? error.message : String(error));
    return { ok: false, error: 'network' };
  }
}
