/**
 * One running product with everything the bench keeps around it: fresh fakes, a fresh database (and
 * Redis prefix), the cases set up through HTTP, what was sent (the ledger), the CPU meter and a
 * sampler of memory and load while it runs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CpuMeter } from './cpu-meter.js';
import { createDatabase, deleteRedisPrefix, dropDatabase, SERVICES_PG_URL, SERVICES_REDIS_URL } from './databases.js';
import { startFakes, type Fakes } from './fakes.js';
import { Ledger } from './ledger.js';
import type { LoadGenerator } from './load/client.js';
import { loadAverage, memoryOf, treePssMb } from './proc.js';
import { startProduct, type Mode, type Product } from './product.js';
import type { BenchCase } from './setup-cases.js';

export interface SessionOptions {
  mode: Mode;
  /** Short name, unique in the run (ids of databases, prefixes, data directories, log files). */
  name: string;
  workDir: string;
  logDir: string;
  env: Record<string, string>;
  generator: LoadGenerator;
  redisPid?: number;
  cpuProfileDir?: string;
  /** Runs the product built, from this folder (see buildProduct). */
  builtDir?: string;
  /** Embedded: load pg_stat_statements (set in the data directory's postgresql.auto.conf, then a restart). */
  statements?: boolean;
  readyTimeoutMs?: number;
}

/** Peak memory and load seen by the sampler. */
export interface Peaks {
  nodeRssMb: number;
  postgresPssMb: number;
  loadAverage1m: number;
}

export class Session {
  /** Sessions not closed yet: an interrupted bench still removes what it made. */
  static readonly unclosed = new Set<Session>();
  readonly ledger = new Ledger();
  cases: BenchCase[] = [];
  meter: CpuMeter;
  readonly peaks: Peaks = { nodeRssMb: 0, postgresPssMb: 0, loadAverage1m: 0 };
  readonly loadSamples: number[] = [];
  /** Each start of the product: ms from its spawn to /readyz. */
  readonly starts: number[] = [];
  private sampler: NodeJS.Timeout | undefined;

  private constructor(
    readonly o: SessionOptions,
    readonly fakes: Fakes,
    public product: Product,
    private readonly start: (env?: Record<string, string>) => Promise<Product>,
    private readonly store: { dataDir: string; databaseName: string; queuePrefix: string },
  ) {
    this.starts.push(product.readyMs);
    this.meter = this.meterOf(product);
    this.startSampler();
    Session.unclosed.add(this);
  }

  /** Closes every session still open (the bench was interrupted). */
  static async closeAll(): Promise<void> {
    await Promise.allSettled([...Session.unclosed].map((s) => s.close()));
  }

  get mode(): Mode {
    return this.o.mode;
  }

  get redisPrefix(): string {
    return this.store.queuePrefix;
  }

  static async open(o: SessionOptions): Promise<Session> {
    const fakes = await startFakes();
    const stamp = `${Date.now().toString(36)}${o.name}`.toLowerCase();
    const store = { dataDir: path.join(o.workDir, o.name), databaseName: `tsunagi_bench_${stamp}`, queuePrefix: `{bench${stamp}}` };
    const databaseUrl = o.mode === 'services' ? await createDatabase(SERVICES_PG_URL, store.databaseName) : undefined;
    const start = (env: Record<string, string> = {}) =>
      startProduct(
        {
          mode: o.mode,
          dataDir: store.dataDir,
          databaseUrl,
          redisUrl: SERVICES_REDIS_URL,
          queuePrefix: store.queuePrefix,
          slackApiUrl: fakes.slack.url,
          lineApiBaseUrl: fakes.line.apiBaseUrl,
          lineDataApiBaseUrl: fakes.line.dataApiBaseUrl,
          env: { ...o.env, ...env },
          logFile: path.join(o.logDir, `${o.name}.log`),
          cpuProfileDir: o.cpuProfileDir,
          builtDir: o.builtDir,
        },
        o.readyTimeoutMs,
      );
    let product = await start();
    if (o.statements && o.mode === 'embedded') {
      // pg_stat_statements loads only when PostgreSQL starts: set it in the data directory, start again.
      await product.stop();
      await fs.appendFile(
        path.join(store.dataDir, 'postgres', 'postgresql.auto.conf'),
        "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\n",
      );
      product = await start();
      await product.sql`create extension if not exists pg_stat_statements`;
    }
    return new Session(o, fakes, product, start, store);
  }

  private meterOf(product: Product): CpuMeter {
    return new CpuMeter(product, { redisPid: this.o.mode === 'services' ? this.o.redisPid : undefined, generatorPid: this.o.generator.pid });
  }

  /** Stops the product (its database and queue store stay). */
  async stopProduct(): Promise<{ code: number | null; ms: number; exitedAt: number }> {
    return this.product.stop();
  }

  /** Starts the product again on the same database and queue store, with more settings. */
  async startAgain(env: Record<string, string> = {}): Promise<Product> {
    this.product = await this.start(env);
    this.starts.push(this.product.readyMs);
    this.meter = this.meterOf(this.product);
    return this.product;
  }

  private startSampler(): void {
    const sample = async () => {
      const mem = await memoryOf(this.product.pid);
      if (mem) this.peaks.nodeRssMb = Math.max(this.peaks.nodeRssMb, mem.peakRssMb);
      if (this.product.postmasterPid) this.peaks.postgresPssMb = Math.max(this.peaks.postgresPssMb, await treePssMb(this.product.postmasterPid));
      const [one] = await loadAverage();
      this.loadSamples.push(one);
      this.peaks.loadAverage1m = Math.max(this.peaks.loadAverage1m, one);
    };
    // The sampler's own failures (a process that just ended) only leave a gap in the samples.
    this.sampler = setInterval(() => void sample().catch(() => undefined), 2000);
  }

  /** Stops everything and removes what the session made (database, queue keys, data directory). */
  async close(): Promise<{ stopMs: number; exitCode: number | null; exitedAt: number }> {
    Session.unclosed.delete(this);
    clearInterval(this.sampler);
    const stopped = await this.product.stop();
    await this.fakes.close();
    if (this.o.mode === 'services') {
      await dropDatabase(SERVICES_PG_URL, this.store.databaseName);
      await deleteRedisPrefix(SERVICES_REDIS_URL, this.store.queuePrefix);
    } else {
      await fs.rm(this.store.dataDir, { recursive: true, force: true });
    }
    return { stopMs: stopped.ms, exitCode: stopped.code, exitedAt: stopped.exitedAt };
  }
}
