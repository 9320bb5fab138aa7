import { describe, expect, it } from 'vitest';
import { highestUnder100ms, isSaturated, summarizeStep, type AckStep } from '../../../bench/parts/ack.js';
import type { RunResult } from '../../../bench/load/protocol.js';
import { percentile, ratePerSec, summarize } from '../../../bench/stats.js';

describe('bench arithmetic', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 75)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
    expect(summarize([]).p99).toBeNaN();
  });

  it('turns counts over a span into a rate per second', () => {
    expect(ratePerSec(500, 1000, 3000)).toBe(250);
    expect(ratePerSec(5, 10, 10)).toBeNaN();
  });
});

/** A generator run of `n` requests at `rate`/s answered `latency(i)` ms after their due time (NaN: no answer). */
function run(n: number, rate: number, latency: (i: number) => number): RunResult {
  const intendedAt = Float64Array.from({ length: n }, (_, i) => 1_000_000 + (i * 1000) / rate);
  const answeredAt = Float64Array.from(intendedAt, (t, i) => t + latency(i));
  return {
    type: 'result',
    id: 1,
    tokens: Array.from({ length: n }, (_, i) => `bTx${i}`),
    webhookEventIds: Array.from({ length: n }, (_, i) => `e${i}`),
    sender: new Int32Array(n),
    intendedAt,
    issuedAt: Float64Array.from(intendedAt),
    answeredAt,
    status: Int32Array.from(answeredAt, (t) => (Number.isNaN(t) ? 0 : 200)),
    errors: {},
    cpuMs: 0,
  };
}

describe('ack steps', () => {
  it('counts only requests after the warm-up, latency from their due time', () => {
    // 2 s at 100/s; the first second (warm-up) answers in 500 ms, the second in 2 ms.
    const step = summarizeStep(
      run(200, 100, (i) => (i < 100 ? 500 : 2)),
      100,
      1000,
    );
    expect(step.requests).toBe(100);
    expect(step.latencyMs.p99).toBe(2);
    expect(step.achievedPerSec).toBeCloseTo(100, 0);
    expect(step.saturated).toBe(false);
  });

  it('calls a step saturated when the rate is not achieved, p99 reaches a second, or requests fail', () => {
    const base = { offeredPerSec: 1000, achievedPerSec: 1000, requests: 1000, errors: 0, latencyMs: summarize([1, 2, 3]) };
    expect(isSaturated(base)).toBe(false);
    expect(isSaturated({ ...base, achievedPerSec: 800 })).toBe(true);
    expect(isSaturated({ ...base, latencyMs: summarize([1000]) })).toBe(true);
    expect(isSaturated({ ...base, errors: 11 })).toBe(true);
    const failing = summarizeStep(
      run(100, 100, (i) => (i % 2 ? Number.NaN : 1)),
      100,
      0,
    );
    expect(failing.errors).toBe(50);
    expect(failing.saturated).toBe(true);
  });

  it('finds the highest rate answered with p99 under 100 ms', () => {
    const step = (offered: number, p99: number, achieved = offered): AckStep => ({
      offeredPerSec: offered,
      requests: 100,
      achievedPerSec: achieved,
      latencyMs: { ...summarize([1]), p99 },
      errors: 0,
      errorKinds: {},
      generatorLagP99Ms: 0,
      generatorCpuMs: 0,
      saturated: false,
    });
    expect(highestUnder100ms([step(250, 10), step(500, 40), step(1000, 150)])).toBe(500);
    expect(highestUnder100ms([step(250, 120)])).toBeNull();
    expect(highestUnder100ms([step(250, 5), step(500, 20, 300)])).toBe(250);
  });
});
