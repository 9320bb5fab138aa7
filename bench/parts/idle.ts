/** The footprint of a product doing nothing: memory right after start, and CPU over an idle window. */
import { CpuMeter } from '../cpu-meter.js';
import { memoryOf, treePssMb } from '../proc.js';
import type { Session } from '../session.js';

export interface Footprint {
  nodeRssMb: number;
  /** Embedded: the PostgreSQL server's Pss (postmaster and backends). */
  postgresPssMb?: number;
}

export async function footprint(s: Session): Promise<Footprint> {
  const mem = await memoryOf(s.product.pid);
  return {
    nodeRssMb: mem?.rssMb ?? Number.NaN,
    ...(s.product.postmasterPid ? { postgresPssMb: await treePssMb(s.product.postmasterPid) } : {}),
  };
}

export interface IdleCpu {
  seconds: number;
  /** Percent of one core. */
  nodePercent: number;
  postgresPercent: number;
  /** The machine's Redis, shared with others: an upper bound. */
  redisPercent: number;
  /** node + PostgreSQL. */
  totalPercent: number;
}

export async function idleCpu(s: Session, seconds: number): Promise<IdleCpu> {
  const a = await s.meter.sample();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = await s.meter.sample();
  const split = CpuMeter.between(a, b);
  const pct = (ms: number) => (100 * ms) / split.wallMs;
  return {
    seconds,
    nodePercent: pct(split.nodeMs),
    postgresPercent: pct(split.postgresMs),
    redisPercent: pct(split.redisMs),
    totalPercent: pct(split.nodeMs + split.postgresMs),
  };
}
