/**
 * Everything the bench sent to one running product: per token, its case, its LINE event id, when it
 * was due, sent and answered, and the HTTP status. Parts add runs; checks and latencies read it.
 */
import type { RunResult } from './load/protocol.js';

export interface SentMessage {
  token: string;
  webhookEventId: string;
  /** Index of the case (and of its LINE user) in the setup. */
  caseIndex: number;
  intendedAt: number;
  issuedAt: number;
  answeredAt: number;
  status: number;
}

export class Ledger {
  readonly sent = new Map<string, SentMessage>();

  /** Adds a generator run whose senders were `caseIndexes` (sender i is case caseIndexes[i]). */
  add(result: RunResult, caseIndexes: number[]): SentMessage[] {
    const added: SentMessage[] = [];
    for (let i = 0; i < result.tokens.length; i++) {
      const m: SentMessage = {
        token: result.tokens[i] as string,
        webhookEventId: result.webhookEventIds[i] as string,
        caseIndex: caseIndexes[result.sender[i] as number] as number,
        intendedAt: result.intendedAt[i] as number,
        issuedAt: result.issuedAt[i] as number,
        answeredAt: result.answeredAt[i] as number,
        status: result.status[i] as number,
      };
      this.sent.set(m.token, m);
      added.push(m);
    }
    return added;
  }
}

/** Whether the product acknowledged it (2xx): from then on it must be relayed exactly once. */
export const acknowledged = (m: SentMessage): boolean => m.status >= 200 && m.status < 300;
