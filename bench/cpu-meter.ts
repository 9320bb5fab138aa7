/**
 * CPU spent between two moments, split by process: the product's node, the PostgreSQL processes
 * serving it, Redis (the machine's, shared with other users: an upper bound), the load generator and
 * the bench itself (which hosts the fake Slack and LINE).
 */
import { procStat } from './proc.js';
import type { Product } from './product.js';

export interface CpuSample {
  at: number;
  node: number;
  postgres: Map<number, number>;
  redis: number;
  generator: number;
  bench: number;
}

export interface CpuSplit {
  wallMs: number;
  nodeMs: number;
  postgresMs: number;
  redisMs: number;
  generatorMs: number;
  benchMs: number;
}

export class CpuMeter {
  constructor(
    private readonly product: Product,
    private readonly others: { redisPid?: number; generatorPid?: number } = {},
  ) {}

  async sample(): Promise<CpuSample> {
    const cpu = async (pid: number | undefined) => (pid ? ((await procStat(pid))?.cpuMs ?? Number.NaN) : 0);
    const bench = process.cpuUsage();
    return {
      at: Date.now(),
      node: await cpu(this.product.pid),
      postgres: await this.product.postgresCpu(),
      redis: await cpu(this.others.redisPid),
      generator: await cpu(this.others.generatorPid),
      bench: (bench.user + bench.system) / 1000,
    };
  }

  /** What was spent from `a` to `b`. A PostgreSQL process that appeared in between counts from zero. */
  static between(a: CpuSample, b: CpuSample): CpuSplit {
    let postgresMs = 0;
    for (const [pid, ms] of b.postgres) postgresMs += ms - (a.postgres.get(pid) ?? 0);
    return {
      wallMs: b.at - a.at,
      nodeMs: b.node - a.node,
      postgresMs,
      redisMs: b.redis - a.redis,
      generatorMs: b.generator - a.generator,
      benchMs: b.bench - a.bench,
    };
  }
}

/** Per message, ms of CPU. */
export function perMessage(split: CpuSplit, messages: number): { nodeMs: number; postgresMs: number; redisMs: number; totalMs: number } {
  const per = (ms: number) => (messages > 0 ? ms / messages : Number.NaN);
  return { nodeMs: per(split.nodeMs), postgresMs: per(split.postgresMs), redisMs: per(split.redisMs), totalMs: per(split.nodeMs + split.postgresMs) };
}
