/** What the bench and its load generator (a child process) say to each other over IPC. */

/** One open-loop run: `count` signed webhooks, one text event each, sent at `ratePerSec` whether or not earlier ones were answered. */
export interface RunRequest {
  type: 'run';
  id: number;
  url: string;
  /** LINE channel secret: every body is signed (X-Line-Signature) as LINE signs it. */
  secret: string;
  ratePerSec: number;
  count: number;
  /** Senders, used in turn (request i comes from senders[i % senders.length]). */
  senders: string[];
  /** Each message's text is `bench <tokenPrefix>x<i>`, a token the bench finds again in Slack. */
  tokenPrefix: string;
  /** Open connections at most (further requests wait for one: that wait counts in their latency). */
  maxSockets: number;
  timeoutMs: number;
}

export interface RunResult {
  type: 'result';
  id: number;
  tokens: string[];
  webhookEventIds: string[];
  /** Index into the senders of each request. */
  sender: Int32Array;
  /** Epoch ms (fractional) at which each request was due to be sent (the open-loop schedule). */
  intendedAt: Float64Array;
  /** Epoch ms at which the generator actually issued it (lag behind the schedule shows a starved generator). */
  issuedAt: Float64Array;
  /** Epoch ms at which the answer was complete; NaN when none came (error or timeout). */
  answeredAt: Float64Array;
  /** HTTP status, or 0 for a connection error or timeout. */
  status: Int32Array;
  errors: Record<string, number>;
  /** CPU the generator used during the run (user + system, ms). */
  cpuMs: number;
}

export type GeneratorMessage = RunResult | { type: 'ready' } | { type: 'failed'; id: number; error: string };
export type BenchMessage = RunRequest | { type: 'exit' };

/** The text of request `i`: the token lets the bench recognise the post in Slack. */
export const tokenOf = (prefix: string, i: number): string => `${prefix}x${i}`;
export const TOKEN_PATTERN = /\bbench (b[A-Za-z0-9]+x\d+)\b/;
