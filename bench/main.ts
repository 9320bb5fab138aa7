/**
 * npm run bench: how fast the product acknowledges LINE webhooks, how fast and at what cost it relays
 * them to Slack, how it paces a channel, how it starts and fires with many pending reminders; against
 * a bare signature-checking server and a durable-insert server measured in the same run, in both
 * modes (embedded, PostgreSQL + Redis). Drives the product only from outside: signed HTTP, the fake
 * Slack and LINE, and reads of its database. Writes a Markdown and a JSON report; exits 1 only when a
 * guarantee failed (a message lost, doubled or out of order). `npm run bench -- --help` for options.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkDelivery } from './checks.js';
import { createDatabase, dropDatabase, redisInfo, SERVICES_PG_URL, SERVICES_REDIS_URL, withDatabase } from './databases.js';
import { acknowledged } from './ledger.js';
import { startLimitServer } from './limits/limits.js';
import { startLoadGenerator, type LoadGenerator } from './load/client.js';
import { machineInfo } from './machine.js';
import { parseOptions, type BenchOptions } from './options.js';
import { runAckSteps, type AckResult } from './parts/ack.js';
import { measurePacedDrain } from './parts/drain.js';
import { footprint, idleCpu } from './parts/idle.js';
import { measureRelayLatency, measureRelayThroughput } from './parts/relay.js';
import { measureReminders } from './parts/reminders.js';
import { mainThreadProfile, summarizeCpuProfile } from './profile/cpu-profile.js';
import { loadAverage } from './proc.js';
import { buildProduct, ROOT, SECRETS, type Mode } from './product.js';
import { renderMarkdown } from './report/markdown.js';
import { evaluateTargets } from './report/targets.js';
import type { BenchReport, ModeReport } from './report/types.js';
import { Session } from './session.js';
import { setUpCases } from './setup-cases.js';

const started = Date.now();
const loadSamples: number[] = [];

function log(line: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[${t} s] ${line}\n`);
}

interface RunContext {
  opts: BenchOptions;
  generator: LoadGenerator;
  workDir: string;
  logDir: string;
  redisPid: number;
  problems: string[];
  /** The built product's folder (--built). */
  builtDir?: string;
}

function collect(problems: string[], where: string, found: string[]): void {
  for (const p of found) problems.push(`${where}: ${p}`);
}

async function limitSteps(ctx: RunContext, kind: 'bare' | 'durable', durableUrl?: string): Promise<AckResult> {
  const server = await startLimitServer(kind, SECRETS.LINE_CHANNEL_SECRET, durableUrl);
  try {
    return await runAckSteps(ctx.generator, {
      url: server.url,
      secret: SECRETS.LINE_CHANNEL_SECRET,
      senders: Array.from({ length: ctx.opts.cases }, (_, i) => `Ulimit${i}`),
      rates: ctx.opts.rates,
      stepSeconds: ctx.opts.stepSeconds,
      warmupSeconds: ctx.opts.warmupSeconds,
      allSteps: ctx.opts.allSteps,
      tokenPrefix: kind === 'bare' ? 'bX' : 'bY',
      maxSockets: ctx.opts.maxSockets,
      log,
    });
  } finally {
    await server.close();
  }
}

/** The durable limit on the PostgreSQL server the product uses (its embedded one, or the machine's), in a database of its own. */
async function durableLimit(ctx: RunContext, s: Session): Promise<AckResult> {
  const name = `bench_limit_${Date.now().toString(36)}`;
  const adminUrl = s.mode === 'embedded' ? s.product.databaseUrl : SERVICES_PG_URL;
  if (s.mode === 'embedded') await s.product.sql.unsafe(`create database ${name}`);
  else await createDatabase(SERVICES_PG_URL, name);
  try {
    return await limitSteps(ctx, 'durable', withDatabase(adminUrl, name));
  } finally {
    if (s.mode === 'embedded') await s.product.sql.unsafe(`drop database if exists ${name} with (force)`);
    else await dropDatabase(SERVICES_PG_URL, name);
  }
}

async function mainSession(ctx: RunContext, mode: Mode, m: ModeReport): Promise<void> {
  const { opts } = ctx;
  const wants = (p: 'ack' | 'relay' | 'cost') => opts.parts.has(p);
  if (!wants('ack') && !wants('relay') && !wants('cost')) return;
  const profileDir = opts.profile ? path.join(ctx.workDir, `${mode}-profile`) : undefined;
  let exitedAt: number | undefined;
  const s = await Session.open({
    builtDir: ctx.builtDir,
    mode,
    name: `${mode[0]}main`,
    workDir: ctx.workDir,
    logDir: ctx.logDir,
    env: { SLACK_CHANNEL_POST_INTERVAL_MS: '0' },
    generator: ctx.generator,
    redisPid: ctx.redisPid,
    cpuProfileDir: profileDir,
    statements: opts.profile,
  });
  try {
    m.readyMs = s.starts[0];
    log(`${mode}: product ready after ${((m.readyMs ?? 0) / 1000).toFixed(1)} s (pid ${s.product.pid})`);
    if (wants('cost')) {
      m.afterStart = await footprint(s);
      log(`  idle for ${opts.idleSeconds} s…`);
      m.idle = await idleCpu(s, opts.idleSeconds);
      log(
        `  right after start: node RSS ${m.afterStart.nodeRssMb.toFixed(0)} MB; idle CPU node ${m.idle.nodePercent.toFixed(2)} % + PostgreSQL ${m.idle.postgresPercent.toFixed(2)} %`,
      );
    }
    const setupStart = Date.now();
    s.cases = await setUpCases(s.product, s.fakes, { count: opts.cases, channels: opts.channels, tag: `${mode[0]}m` });
    m.setup = { cases: opts.cases, channels: opts.channels, ms: Date.now() - setupStart };
    // The linking notices in the threads are posted before anything is measured.
    await new Promise((r) => setTimeout(r, 1000));
    m.afterSetup = await footprint(s);
    log(`  ${opts.cases} cases linked in ${(m.setup.ms / 1000).toFixed(1)} s; node RSS ${m.afterSetup.nodeRssMb.toFixed(0)} MB`);
    if (wants('ack')) {
      log(`  durable limit (one INSERT per request into the ${mode === 'embedded' ? 'embedded' : "machine's"} PostgreSQL):`);
      m.durable = await durableLimit(ctx, s);
    }
    if (wants('relay') || wants('cost')) {
      m.relayLatency = await measureRelayLatency(s, {
        rate: opts.relayRate,
        seconds: opts.relaySeconds,
        maxSockets: opts.maxSockets,
        statements: opts.profile,
        log,
      });
      collect(ctx.problems, `${mode} relay latency`, m.relayLatency.check.problems);
    }
    if (wants('relay')) {
      m.relayThroughput = await measureRelayThroughput(s, { count: opts.burstCount, rate: opts.burstRate, maxSockets: opts.maxSockets, log });
      collect(ctx.problems, `${mode} relay throughput`, m.relayThroughput.check.problems);
    }
    if (wants('ack')) {
      log(`  the product (${mode}):`);
      const before = s.ledger.sent.size;
      m.ack = await runAckSteps(ctx.generator, {
        url: s.product.lineWebhookUrl,
        secret: SECRETS.LINE_CHANNEL_SECRET,
        senders: s.cases.map((c) => c.userId),
        rates: opts.rates,
        stepSeconds: opts.stepSeconds,
        warmupSeconds: opts.warmupSeconds,
        allSteps: opts.allSteps,
        tokenPrefix: 'bA',
        maxSockets: opts.maxSockets,
        onRun: (result) =>
          s.ledger.add(
            result,
            s.cases.map((c) => c.index),
          ),
        log,
      });
      const sent = [...s.ledger.sent.values()].slice(before);
      const acked = sent.filter(acknowledged);
      // The steps leave a backlog: wait for it a bounded time, then what is not posted must still be owed.
      const waitStart = Date.now();
      const waitSec = opts.quick ? 10 : 20;
      await s.fakes.watcher.until(() => acked.every((x) => s.fakes.watcher.byToken.has(x.token)), waitSec * 1000);
      const check = await checkDelivery(sent, { watcher: s.fakes.watcher, cases: s.cases, sql: s.product.sql, drained: false });
      m.ackCheck = { ...check, waitedSec: Math.round((Date.now() - waitStart) / 1000) };
      collect(ctx.problems, `${mode} ack steps`, check.problems);
      log(
        `  after the steps: ${check.posted} of ${check.acknowledged} posted, ${check.owed} still owed by the database, ${check.problems.length ? check.problems.join('; ') : 'no loss, no double, in order'}`,
      );
    }
    m.peaks = { ...s.peaks };
  } finally {
    const closed = await s.close();
    m.stop = { ms: closed.stopMs, exitCode: closed.exitCode };
    exitedAt = closed.exitedAt;
    loadSamples.push(...s.loadSamples);
  }
  if (profileDir) {
    const file = await mainThreadProfile(profileDir);
    if (file) {
      const kept = path.join(path.resolve(ROOT, opts.outDir), `${reportName(opts)}-${mode}.cpuprofile`);
      await fs.copyFile(file, kept);
      // Only the relay latency load: the setup (QR codes of the invites …) is not what is asked about.
      m.cpuProfile = await summarizeCpuProfile(kept, { window: m.relayLatency?.window, endedAt: exitedAt });
      m.cpuProfile.file = path.relative(ROOT, kept);
    }
  }
}

async function drainSession(ctx: RunContext, mode: Mode, m: ModeReport): Promise<void> {
  // The product's default pacing (SLACK_CHANNEL_POST_INTERVAL_MS unset).
  const s = await Session.open({
    builtDir: ctx.builtDir,
    mode,
    name: `${mode[0]}drain`,
    workDir: ctx.workDir,
    logDir: ctx.logDir,
    env: {},
    generator: ctx.generator,
    redisPid: ctx.redisPid,
  });
  try {
    s.cases = await setUpCases(s.product, s.fakes, { count: 1, channels: 1, tag: `${mode[0]}d` });
    m.drain = await measurePacedDrain(s, { messages: ctx.opts.drainMessages, log });
    collect(ctx.problems, `${mode} paced drain`, m.drain.check.problems);
  } finally {
    await s.close();
    loadSamples.push(...s.loadSamples);
  }
}

async function remindersSession(ctx: RunContext, mode: Mode, m: ModeReport): Promise<void> {
  const name = `${mode[0]}rem`;
  const s = await Session.open({
    builtDir: ctx.builtDir,
    mode,
    name,
    workDir: ctx.workDir,
    logDir: ctx.logDir,
    // No reconcile while the rows go in; the restart measured uses the default (60 s).
    env: { SLACK_CHANNEL_POST_INTERVAL_MS: '0', REMINDER_RECONCILE_EVERY_SECONDS: '3600' },
    generator: ctx.generator,
    redisPid: ctx.redisPid,
    readyTimeoutMs: 600_000,
  });
  try {
    m.reminders = await measureReminders(s, {
      pending: ctx.opts.reminders,
      due: ctx.opts.remindersDue,
      dueAfterSec: ctx.opts.remindersDueAfterSeconds,
      logFile: path.join(ctx.logDir, `${name}.log`),
      log,
    });
    if (m.reminders.duplicates > 0) ctx.problems.push(`${mode} reminders: ${m.reminders.duplicates} ping(s) DMed twice`);
  } finally {
    await s.close();
    loadSamples.push(...s.loadSamples);
  }
}

function reportName(opts: BenchOptions): string {
  return opts.name ?? new Date(started).toISOString().replace(/[:T]/g, '-').replace(/\..*/, '');
}

const BUILT_NOTE =
  'The product runs as the image and the systemd unit run it (--built): compiled by `tsc -p tsconfig.build.json`, then `node dist/main.js` beside package.json, the migrations and the dependencies, a child process configured by its environment, logging at its default level to a file; the load comes from another child process; the fake Slack and LINE of the tests run in the bench process. Nothing of the product is imported: it is driven by signed HTTP and read through its database.';

const NOTES = [
  'The product runs as `npm start` runs it (`node --import tsx src/main.ts`, a child process configured by its environment, logging at its default level to a file); the load comes from another child process; the fake Slack and LINE of the tests run in the bench process. Nothing of the product is imported: it is driven by signed HTTP and read through its database.',
  "Ack latency: open-loop steps at fixed offered rates, each after a short warm-up that is sent but not counted, one text event per request from consented, linked LINE users (one per case, used in turn). Latency runs from the moment a request was due to its complete answer. A step is saturated when under 90 % of the offered rate was achieved, p99 reached 1 s or over 1 % failed; higher rates are then not run (unless --all-steps). The product steps run back to back: the relay works off earlier steps' backlog meanwhile, as it would in production.",
  "Limits measured in the same run: a bare `node:http` server that checks X-Line-Signature and answers 200, and the same with one INSERT (a commit, synchronous_commit on) per request into the PostgreSQL server the product uses (its embedded one, or the machine's), through a pool of 10.",
  "Relay latency: from the webhook sent to the post's ts in the fake Slack, unthrottled (SLACK_CHANNEL_POST_INTERVAL_MS=0), every case in its own channel. Relay throughput: a backlog sent at a high rate, then the posts per second from the last answered webhook until the last post. Paced drain: the default pacing, with the fake Slack allowing one post a second per channel (a token bucket of one; faster posts are answered 429).",
  "CPU per relayed message: /proc times of the product's node, and of PostgreSQL (embedded: the postmaster and all its children; services: the machine's backends connected to the product's database, so the shared background processes are not counted), from the first send until the last post, divided by the messages posted. Redis is the machine's server, shared with other users: its CPU is an upper bound. Commits and rows per message come from pg_stat_database of the product's database.",
  "Guarantees, checked on every part: every acknowledged message posted once, in its case's thread, in the product's order (messages.seq), none lost; after the ack steps, what is not yet posted must still be owed by the database. Any failure makes the bench exit 1.",
  'Reminders: the rows (cases, reminders, one pending ping each) are inserted with SQL into the database of a started product, which is then restarted and measured: time to /readyz and to its log line "reminder jobs reconciled", and the DMs of the pings due at the same moment, against their time.',
];

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const outDir = path.resolve(ROOT, opts.outDir);
  await fs.mkdir(outDir, { recursive: true });
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-bench-'));
  // As root the embedded PostgreSQL runs as the 'postgres' user, which must reach its data directory.
  await fs.chmod(workDir, 0o755);
  const logDir = path.join(workDir, 'logs');
  await fs.mkdir(logDir);
  const machine = await machineInfo();
  const loadAtStart = await loadAverage();
  log(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB; node ${machine.node}; PostgreSQL embedded ${machine.postgresEmbedded}, machine ${machine.postgresMachine}; Redis ${machine.redis}`,
  );
  log(`load average ${loadAtStart.join(' ')}; parts ${[...opts.parts].join(', ')}; modes ${opts.modes.join(', ')}${opts.quick ? '; quick' : ''}`);
  const loadTimer = setInterval(() => void loadAverage().then(([one]) => loadSamples.push(one)), 5000);
  const generator = await startLoadGenerator();
  const redisPid = opts.modes.includes('services') ? (await redisInfo(SERVICES_REDIS_URL)).pid : 0;
  const ctx: RunContext = { opts, generator, workDir, logDir, redisPid, problems: [] };
  if (opts.built) {
    const buildStart = Date.now();
    ctx.builtDir = path.join(workDir, 'built');
    await buildProduct(ctx.builtDir);
    log(`built the product (tsc) in ${((Date.now() - buildStart) / 1000).toFixed(1)} s: it runs as node dist/main.js`);
  }
  const report: BenchReport = {
    name: reportName(opts),
    startedAt: new Date(started).toISOString(),
    durationSec: 0,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: opts.quick,
    machine,
    load: { atStart: loadAtStart, atEnd: [], min1m: 0, mean1m: 0, max1m: 0 },
    settings: { ...opts, parts: [...opts.parts] },
    modes: {},
    targets: [],
    correctness: { ok: true, problems: [] },
    notes: opts.built ? [BUILT_NOTE, ...NOTES.slice(1)] : NOTES,
  };
  let failed: unknown;
  try {
    if (opts.parts.has('ack')) {
      log('bare server (signature check, 200):');
      report.bare = await limitSteps(ctx, 'bare');
    }
    for (const mode of opts.modes) {
      const m: ModeReport = { mode };
      report.modes[mode] = m;
      await mainSession(ctx, mode, m);
      if (opts.parts.has('drain')) await drainSession(ctx, mode, m);
      if (opts.parts.has('reminders')) await remindersSession(ctx, mode, m);
    }
  } catch (error) {
    failed = error;
  } finally {
    clearInterval(loadTimer);
    await generator.close();
  }
  const loadAtEnd = await loadAverage();
  report.durationSec = (Date.now() - started) / 1000;
  report.load = {
    atStart: loadAtStart,
    atEnd: loadAtEnd,
    min1m: Math.min(...loadSamples, loadAtStart[0]),
    mean1m: loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : loadAtStart[0],
    max1m: Math.max(...loadSamples, loadAtStart[0]),
  };
  report.targets = evaluateTargets(report);
  report.correctness = { ok: ctx.problems.length === 0, problems: ctx.problems };
  if (failed) report.notes = [...report.notes, `The run stopped early: ${failed instanceof Error ? failed.message : String(failed)}`];
  const base = path.join(outDir, report.name);
  await fs.writeFile(`${base}.json`, `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  await fs.writeFile(`${base}.md`, renderMarkdown(report));

  log(`report: ${path.relative(process.cwd(), base)}.md and .json (${(report.durationSec / 60).toFixed(1)} min)`);
  const missed = report.targets.filter((t) => t.pass === false);
  const met = report.targets.filter((t) => t.pass === true);
  log(`targets: ${met.length} met, ${missed.length} missed, ${report.targets.filter((t) => t.pass === null).length} not measured`);
  for (const t of missed) log(`  MISSED [${t.mode}] ${t.what}: ${t.measured} (target ${t.target})`);
  if (failed || !report.correctness.ok) {
    log(`logs kept in ${logDir}`);
  } else {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  if (failed) {
    log(`the bench failed: ${failed instanceof Error ? (failed.stack ?? failed.message) : String(failed)}`);
    process.exitCode = 2;
  } else if (!report.correctness.ok) {
    log('GUARANTEES FAILED:');
    for (const p of report.correctness.problems) log(`  ${p}`);
    process.exitCode = 1;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the product and removing what the bench made…`);
    void Session.closeAll().finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
