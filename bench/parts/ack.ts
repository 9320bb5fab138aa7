/**
 * Ack latency under open-loop load: steps of fixed offered rates (each with a warm-up that is sent
 * but not counted), latency measured from the moment each request was due (so a slow answer also
 * delays nothing: no coordinated omission), against the bare and durable limits and the product.
 */
import type { LoadGenerator } from '../load/client.js';
import type { RunResult } from '../load/protocol.js';
import { ratePerSec, summarize, type LatencySummary } from '../stats.js';

export interface AckStep {
  offeredPerSec: number;
  /** Requests counted (after the warm-up). */
  requests: number;
  achievedPerSec: number;
  latencyMs: LatencySummary;
  errors: number;
  errorKinds: Record<string, number>;
  /** How late the generator issued requests behind their schedule (p99, ms): large means the generator was starved. */
  generatorLagP99Ms: number;
  generatorCpuMs: number;
  saturated: boolean;
}

export interface AckResult {
  steps: AckStep[];
  /** Rates not run because a lower one already saturated. */
  skipped: number[];
  /** Highest offered rate whose p99 < 100 ms (with no errors and the offered rate achieved); null when none. */
  highestUnder100ms: number | null;
  /** True when every step tried stayed under 100 ms: the limit is above the highest rate tried. */
  neverGaveOut: boolean;
}

/** A step is saturated when it did not keep up (under 90 % of the offered rate achieved), answered slowly (p99 ≥ 1 s) or failed requests (> 1 %). */
export function isSaturated(step: Pick<AckStep, 'offeredPerSec' | 'achievedPerSec' | 'latencyMs' | 'errors' | 'requests'>): boolean {
  return step.achievedPerSec < 0.9 * step.offeredPerSec || step.latencyMs.p99 >= 1000 || step.errors > 0.01 * step.requests;
}

export function summarizeStep(result: RunResult, offeredPerSec: number, warmupMs: number): AckStep {
  const t0 = (result.intendedAt[0] ?? 0) + warmupMs;
  const latencies: number[] = [];
  const lags: number[] = [];
  let [errors, first, last, ok] = [0, Number.POSITIVE_INFINITY, 0, 0];
  let requests = 0;
  for (let i = 0; i < result.tokens.length; i++) {
    const intended = result.intendedAt[i] as number;
    if (intended < t0) continue;
    requests += 1;
    first = Math.min(first, intended);
    lags.push((result.issuedAt[i] as number) - intended);
    const status = result.status[i] as number;
    if (status >= 200 && status < 300) {
      ok += 1;
      const answered = result.answeredAt[i] as number;
      latencies.push(answered - intended);
      last = Math.max(last, answered);
    } else errors += 1;
  }
  const step: AckStep = {
    offeredPerSec,
    requests,
    // Over the step's own length (n requests take n intervals) or until the last answer, if later.
    achievedPerSec: ratePerSec(ok, first, Math.max(last, first + (requests * 1000) / offeredPerSec)),
    latencyMs: summarize(latencies),
    errors,
    errorKinds: result.errors,
    generatorLagP99Ms: summarize(lags).p99,
    generatorCpuMs: result.cpuMs,
    saturated: false,
  };
  step.saturated = isSaturated(step);
  return step;
}

export function highestUnder100ms(steps: AckStep[]): number | null {
  const good = steps.filter((s) => s.latencyMs.p99 < 100 && s.errors === 0 && s.achievedPerSec >= 0.9 * s.offeredPerSec);
  return good.length ? Math.max(...good.map((s) => s.offeredPerSec)) : null;
}

/**
 * Runs the steps in increasing order against `url`. Stops after the first saturated step unless
 * `allSteps`. `onRun` sees every generator run (the product's messages go into its ledger).
 */
export async function runAckSteps(
  generator: LoadGenerator,
  o: {
    url: string;
    secret: string;
    senders: string[];
    rates: number[];
    stepSeconds: number;
    warmupSeconds: number;
    allSteps: boolean;
    tokenPrefix: string;
    maxSockets: number;
    onRun?: (result: RunResult) => void;
    log: (line: string) => void;
  },
): Promise<AckResult> {
  const steps: AckStep[] = [];
  const skipped: number[] = [];
  const rates = [...o.rates].sort((a, b) => a - b);
  for (const rate of rates) {
    if (!o.allSteps && steps.some((s) => s.saturated)) {
      skipped.push(rate);
      continue;
    }
    const count = Math.round(rate * (o.stepSeconds + o.warmupSeconds));
    const result = await generator.run({
      url: o.url,
      secret: o.secret,
      ratePerSec: rate,
      count,
      senders: o.senders,
      tokenPrefix: `${o.tokenPrefix}r${rate}`,
      maxSockets: o.maxSockets,
      timeoutMs: 30_000,
    });
    o.onRun?.(result);
    const step = summarizeStep(result, rate, o.warmupSeconds * 1000);
    steps.push(step);
    o.log(
      `  ${rate}/s: achieved ${step.achievedPerSec.toFixed(0)}/s, p50 ${step.latencyMs.p50.toFixed(1)} p95 ${step.latencyMs.p95.toFixed(1)} p99 ${step.latencyMs.p99.toFixed(1)} ms, errors ${step.errors}, generator lag p99 ${step.generatorLagP99Ms.toFixed(1)} ms${step.saturated ? ' (saturated)' : ''}`,
    );
    // A moment for sockets and queues to settle between steps.
    await new Promise((r) => setTimeout(r, 500));
  }
  const highest = highestUnder100ms(steps);
  return {
    steps,
    skipped,
    highestUnder100ms: highest,
    neverGaveOut: steps.length > 0 && steps.every((s) => s.latencyMs.p99 < 100 && s.errors === 0) && skipped.length === 0,
  };
}
