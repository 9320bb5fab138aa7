/**
 * The relay: latency from a webhook sent to its post in the (unthrottled) fake Slack at a steady rate
 * over all cases, and throughput, the posts per second while a backlog drains. Both check the
 * guarantees and measure what each relayed message cost (CPU by process, commits and rows).
 */
import { checkDelivery, type DeliveryCheck } from '../checks.js';
import { CpuMeter, perMessage, type CpuSplit } from '../cpu-meter.js';
import { acknowledged, type SentMessage } from '../ledger.js';
import {
  countersPerMessage,
  databaseCounters,
  resetStatements,
  statementsAvailable,
  tableCounters,
  tablesPerMessage,
  topStatements,
  type DatabaseCounters,
  type StatementStat,
  type TableCounters,
} from '../profile/db-stats.js';
import { SECRETS } from '../product.js';
import type { Session } from '../session.js';
import { ratePerSec, summarize, type LatencySummary } from '../stats.js';

export interface RelayCost {
  cpu: CpuSplit;
  cpuPerMessageMs: ReturnType<typeof perMessage>;
  dbPerMessage: DatabaseCounters;
  /** The tables that read the most rows, per message. */
  tablesPerMessage: TableCounters[];
  statements?: {
    statements: StatementStat[];
    sentByCalls: StatementStat[];
    roundTrips: number;
    nestedCalls: number;
    totalMs: number;
    roundTripsPerMessage: number;
    nestedPerMessage: number;
  };
  statementsUnavailable?: string;
}

export interface RelayLatencyResult {
  ratePerSec: number;
  cases: number;
  messages: number;
  acknowledged: number;
  /** From the webhook sent to the post in Slack, ms. */
  latencyMs: LatencySummary;
  drained: boolean;
  /** From the first send to the last post, ms. */
  spanMs: number;
  /** The same, as epoch ms (the window a CPU profile is cut to). */
  window: { from: number; to: number };
  cost: RelayCost;
  check: DeliveryCheck;
}

export interface RelayThroughputResult {
  messages: number;
  offeredPerSec: number;
  /** Posts per second after the last webhook was answered, until the backlog was empty. */
  drainPerSec: number;
  /** Posts per second from the first send to the last post. */
  overallPerSec: number;
  /** Posts still owed when intake ended. */
  backlogAtIntakeEnd: number;
  drained: boolean;
  cost: RelayCost;
  check: DeliveryCheck;
}

async function sendAndWait(
  s: Session,
  o: { rate: number; count: number; tokenPrefix: string; drainTimeoutMs: number; maxSockets: number; statements: boolean },
): Promise<{ sent: SentMessage[]; drained: boolean; cost: RelayCost; lastAnsweredAt: number }> {
  const { product, fakes } = s;
  let statementsUnavailable: string | undefined;
  if (o.statements) {
    const available = await statementsAvailable(product.sql);
    if (available.available) await resetStatements(product.sql);
    else statementsUnavailable = available.why;
  }
  const dbBefore = await databaseCounters(product.sql);
  const tablesBefore = await tableCounters(product.sql);
  const before = await s.meter.sample();
  const result = await s.o.generator.run({
    url: product.lineWebhookUrl,
    secret: SECRETS.LINE_CHANNEL_SECRET,
    ratePerSec: o.rate,
    count: o.count,
    senders: s.cases.map((c) => c.userId),
    tokenPrefix: o.tokenPrefix,
    maxSockets: o.maxSockets,
    timeoutMs: 30_000,
  });
  const sent = s.ledger.add(
    result,
    s.cases.map((c) => c.index),
  );
  const acked = sent.filter(acknowledged);
  const lastAnsweredAt = Math.max(...acked.map((m) => m.answeredAt));
  const drained = await fakes.watcher.until(() => acked.every((m) => fakes.watcher.byToken.has(m.token)), o.drainTimeoutMs);
  const after = await s.meter.sample();
  await new Promise((r) => setTimeout(r, 1100)); // PostgreSQL flushes its statistics about once a second
  const dbAfter = await databaseCounters(product.sql);
  const tablesAfter = await tableCounters(product.sql);
  const posted = acked.filter((m) => fakes.watcher.byToken.has(m.token)).length;
  const cpu = CpuMeter.between(before, after);
  const cost: RelayCost = {
    cpu,
    cpuPerMessageMs: perMessage(cpu, posted),
    dbPerMessage: countersPerMessage(dbBefore, dbAfter, posted),
    tablesPerMessage: tablesPerMessage(tablesBefore, tablesAfter, posted),
  };
  if (o.statements && !statementsUnavailable) {
    const top = await topStatements(product.sql, posted);
    cost.statements = { ...top, roundTripsPerMessage: top.roundTrips / posted, nestedPerMessage: top.nestedCalls / posted };
  }
  if (statementsUnavailable) cost.statementsUnavailable = statementsUnavailable;
  return { sent, drained, cost, lastAnsweredAt };
}

export async function measureRelayLatency(
  s: Session,
  o: { rate: number; seconds: number; maxSockets: number; statements: boolean; log: (l: string) => void },
): Promise<RelayLatencyResult> {
  const count = Math.round(o.rate * o.seconds);
  const { sent, drained, cost } = await sendAndWait(s, {
    rate: o.rate,
    count,
    tokenPrefix: 'bL',
    drainTimeoutMs: 150_000,
    maxSockets: o.maxSockets,
    statements: o.statements,
  });
  const latencies: number[] = [];
  let lastPost = 0;
  for (const m of sent) {
    const first = s.fakes.watcher.byToken.get(m.token)?.[0];
    if (!first || !acknowledged(m)) continue;
    latencies.push(first.at - m.issuedAt);
    lastPost = Math.max(lastPost, first.at);
  }
  const check = await checkDelivery(sent, { watcher: s.fakes.watcher, cases: s.cases, sql: s.product.sql, drained: true });
  const r: RelayLatencyResult = {
    ratePerSec: o.rate,
    cases: s.cases.length,
    messages: sent.length,
    acknowledged: sent.filter(acknowledged).length,
    latencyMs: summarize(latencies),
    drained,
    spanMs: lastPost - Math.min(...sent.map((m) => m.issuedAt)),
    window: { from: Math.min(...sent.map((m) => m.issuedAt)), to: lastPost },
    cost,
    check,
  };
  o.log(
    `  relay at ${o.rate}/s over ${s.cases.length} cases: p50 ${r.latencyMs.p50.toFixed(0)} ms, p99 ${r.latencyMs.p99.toFixed(0)} ms${drained ? '' : ' (NOT drained)'}; CPU/msg node ${cost.cpuPerMessageMs.nodeMs.toFixed(2)} + PostgreSQL ${cost.cpuPerMessageMs.postgresMs.toFixed(2)} ms; ${cost.dbPerMessage.commits.toFixed(1)} commits/msg`,
  );
  return r;
}

export async function measureRelayThroughput(
  s: Session,
  o: { count: number; rate: number; maxSockets: number; log: (l: string) => void },
): Promise<RelayThroughputResult> {
  const { sent, drained, cost, lastAnsweredAt } = await sendAndWait(s, {
    rate: o.rate,
    count: o.count,
    tokenPrefix: 'bB',
    drainTimeoutMs: 240_000,
    maxSockets: o.maxSockets,
    statements: false,
  });
  const firstPosts = sent.map((m) => s.fakes.watcher.byToken.get(m.token)?.[0]?.at).filter((x): x is number => x !== undefined);
  const after = firstPosts.filter((at) => at > lastAnsweredAt);
  const lastPost = Math.max(...firstPosts);
  const check = await checkDelivery(sent, { watcher: s.fakes.watcher, cases: s.cases, sql: s.product.sql, drained: true });
  const r: RelayThroughputResult = {
    messages: sent.length,
    offeredPerSec: o.rate,
    drainPerSec: ratePerSec(after.length, lastAnsweredAt, lastPost),
    overallPerSec: ratePerSec(firstPosts.length, Math.min(...sent.map((m) => m.issuedAt)), lastPost),
    backlogAtIntakeEnd: after.length,
    drained,
    cost,
    check,
  };
  o.log(
    `  backlog of ${o.count} (sent at ${o.rate}/s): drained at ${r.drainPerSec.toFixed(0)} posts/s (${r.backlogAtIntakeEnd} owed when intake ended), overall ${r.overallPerSec.toFixed(0)}/s${drained ? '' : ' (NOT drained)'}`,
  );
  return r;
}
