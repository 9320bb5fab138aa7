/**
 * The targets of issue #14, as data: each compared with what this run measured. Ratios are taken
 * against the limits measured in the same run.
 */
import type { AckResult } from '../parts/ack.js';
import type { Mode } from '../product.js';
import type { BenchReport, ModeReport, TargetResult } from './types.js';

const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;

function p99At(ack: AckResult | undefined, rate: number): number | undefined {
  return ack?.steps.find((s) => s.offeredPerSec === rate)?.latencyMs.p99;
}

/** "≥ N/s" when the limit never gave out at the highest rate tried. */
export function describeHighest(ack: AckResult | undefined): string {
  if (!ack) return '—';
  if (ack.highestUnder100ms === null) return `< ${Math.min(...ack.steps.map((s) => s.offeredPerSec))}/s (lowest tried)`;
  return `${ack.neverGaveOut ? '≥ ' : ''}${ack.highestUnder100ms}/s`;
}

function modeTargets(mode: Mode, m: ModeReport): TargetResult[] {
  const t: TargetResult[] = [];
  const add = (r: Omit<TargetResult, 'mode'>) => t.push({ mode, ...r });
  const ackRate = mode === 'services' ? 1000 : 500;
  const ackLimit = mode === 'services' ? 20 : 50;
  const p99 = p99At(m.ack, ackRate);
  const ranLower = m.ack?.skipped.includes(ackRate);
  add({
    id: 'ack-p99',
    what: `ack p99 at ${ackRate}/s`,
    target: `< ${ackLimit} ms`,
    measured: p99 !== undefined ? ms(p99) : ranLower ? `not run: saturated at a lower rate` : '—',
    pass: p99 !== undefined ? p99 < ackLimit : ranLower ? false : null,
  });
  if (m.ack && m.durable) {
    const product = m.ack.highestUnder100ms ?? 0;
    const durable = m.durable.highestUnder100ms ?? 0;
    add({
      id: 'ack-vs-durable',
      what: 'highest rate with ack p99 < 100 ms, against the durable limit',
      target: '≥ 0.5 × durable limit',
      measured: `${describeHighest(m.ack)} vs ${describeHighest(m.durable)} = ${durable > 0 ? (product / durable).toFixed(2) : '—'} ×`,
      pass: durable > 0 ? product >= 0.5 * durable : null,
      note: m.durable.neverGaveOut ? 'the durable limit never gave out: its true value is higher, the ratio is an upper bound' : undefined,
    });
  } else
    add({
      id: 'ack-vs-durable',
      what: 'highest rate with ack p99 < 100 ms, against the durable limit',
      target: '≥ 0.5 × durable limit',
      measured: '—',
      pass: null,
    });

  const throughputTarget = mode === 'services' ? 400 : 200;
  const drainRate = m.relayThroughput?.drainPerSec;
  add({
    id: 'relay-throughput',
    what: 'relay throughput, unthrottled Slack (posts/s while a backlog drains)',
    target: `≥ ${throughputTarget} msg/s`,
    measured: drainRate !== undefined ? `${drainRate.toFixed(0)} msg/s` : '—',
    pass: drainRate !== undefined ? drainRate >= throughputTarget : null,
  });
  const relayP99 = m.relayLatency?.latencyMs.p99;
  add({
    id: 'relay-p99',
    what: `relay latency p99 at ${m.relayLatency?.ratePerSec ?? 100} msg/s over ${m.relayLatency?.cases ?? 100} cases`,
    target: '< 300 ms',
    measured: relayP99 !== undefined ? ms(relayP99) : '—',
    pass: relayP99 !== undefined ? relayP99 < 300 : null,
  });
  add({
    id: 'paced-drain',
    what: `paced drain (${m.drain?.messages ?? 60} messages to one case, Slack's 1 msg/s per channel)`,
    target: 'within 3 % of 1 msg/s',
    measured: m.drain
      ? `${m.drain.postsPerSec.toFixed(3)} posts/s (${(100 * m.drain.ratioToTheory).toFixed(1)} %), ${m.drain.channelPosts} posts in ${m.drain.spanSec.toFixed(1)} s for ${m.drain.theoreticalSpanSec} s in theory`
      : '—',
    pass: m.drain ? m.drain.ratioToTheory >= 0.97 && m.drain.ratioToTheory <= 1.03 : null,
  });
  const cpuTarget = mode === 'services' ? 1 : 2;
  const cpu = m.relayLatency?.cost.cpuPerMessageMs;
  add({
    id: 'cpu-per-message',
    what: `CPU per relayed message, node + PostgreSQL (at ${m.relayLatency?.ratePerSec ?? 100} msg/s)`,
    target: `< ${cpuTarget} ms`,
    measured: cpu
      ? `${cpu.nodeMs.toFixed(2)} + ${cpu.postgresMs.toFixed(2)} = ${cpu.totalMs.toFixed(2)} ms${mode === 'services' ? ` (Redis ${cpu.redisMs.toFixed(2)} ms)` : ''}`
      : '—',
    pass: cpu ? cpu.totalMs < cpuTarget : null,
  });
  const rss = m.afterStart?.nodeRssMb;
  add({
    id: 'idle-rss',
    what: 'node RSS right after start',
    target: '< 100 MB',
    measured: rss !== undefined ? `${rss.toFixed(0)} MB (after the bench's setup: ${m.afterSetup?.nodeRssMb.toFixed(0) ?? '—'} MB)` : '—',
    pass: rss !== undefined ? rss < 100 : null,
  });
  const idleTarget = mode === 'services' ? 0.1 : 0.3;
  add({
    id: 'idle-cpu',
    what: `idle CPU over ${m.idle?.seconds ?? 30} s (node + PostgreSQL${mode === 'services' ? ', its backends of the product database' : ''})`,
    target: `≤ ${idleTarget} % of a core (today's figure)`,
    measured: m.idle ? `${m.idle.totalPercent.toFixed(2)} % (node ${m.idle.nodePercent.toFixed(2)}, PostgreSQL ${m.idle.postgresPercent.toFixed(2)})` : '—',
    pass: m.idle ? m.idle.totalPercent <= idleTarget : null,
  });
  const rem = m.reminders;
  add({
    id: 'reminders-start',
    what: `start-up with ${rem?.pending ?? 100000} pending reminders (reconcile logged)`,
    target: '< 15 s',
    measured: rem
      ? `${rem.reconcileMs !== null ? `${(rem.reconcileMs / 1000).toFixed(1)} s` : 'never logged'} (/readyz ${(rem.readyMs / 1000).toFixed(1)} s)`
      : '—',
    pass: rem ? rem.reconcileMs !== null && rem.reconcileMs < 15_000 : null,
  });
  add({
    id: 'reminders-skew',
    what: `${rem?.due ?? 1000} pings due at the same moment: skew p99`,
    target: '< 2 s',
    measured: rem ? `${(rem.skewMs.p99 / 1000).toFixed(2)} s (p50 ${(rem.skewMs.p50 / 1000).toFixed(2)} s; ${rem.fired} of ${rem.due} fired)` : '—',
    pass: rem ? rem.fired === rem.due && rem.skewMs.p99 < 2000 : null,
  });
  add({
    id: 'reminders-memory',
    what: 'memory per pending reminder',
    target: 'stated',
    measured: rem
      ? `database ${(rem.tableBytesPerReminder / 1024).toFixed(2)} KB per reminder; queue store ${(rem.queueBytesPerJob / 1024).toFixed(2)} KB per job (${rem.queueJobs} jobs); node RSS ${rem.nodeRssPer1000Mb.toFixed(2)} MB per 1,000`
      : '—',
    pass: rem ? true : null,
  });
  return t;
}

export function evaluateTargets(report: Pick<BenchReport, 'modes'>): TargetResult[] {
  return (['embedded', 'services'] as const).flatMap((mode) => {
    const m = report.modes[mode];
    return m ? modeTargets(mode, m) : [];
  });
}
