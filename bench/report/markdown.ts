/** The Markdown report: issue #14's table filled, the targets, the guarantees, then the detail. */
import type { DeliveryCheck } from '../checks.js';
import type { AckResult } from '../parts/ack.js';
import type { RelayCost } from '../parts/relay.js';
import { describeHighest } from './targets.js';
import type { BenchReport, ModeReport } from './types.js';

const f = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v >= 100 ? `${v.toFixed(0)}` : v.toFixed(1));

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

function at250(ack: AckResult | undefined): string {
  const s = ack?.steps.find((x) => x.offeredPerSec === 250);
  return s ? `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p99)} ms` : '—';
}

function saturation(ack: AckResult | undefined): string {
  if (!ack || ack.steps.length === 0) return '—';
  const sat = ack.steps.find((s) => s.saturated);
  if (!sat) {
    const last = ack.steps.at(-1)!;
    return `none up to ${last.offeredPerSec}/s (p99 ${ms(last.latencyMs.p99)} ms)`;
  }
  return `${f(sat.achievedPerSec, 0)}/s at ${sat.offeredPerSec}/s offered, p99 ${ms(sat.latencyMs.p99)} ms`;
}

function cpuCell(cost: RelayCost | undefined, withRedis: boolean): string {
  if (!cost) return '—';
  const c = cost.cpuPerMessageMs;
  return `${f(c.nodeMs, 2)} + ${f(c.postgresMs, 2)} ms${withRedis ? ` (+ Redis ${f(c.redisMs, 2)})` : ''}`;
}

function issueTable(r: BenchReport): string {
  const e = r.modes.embedded;
  const s = r.modes.services;
  const rows: string[][] = [
    [
      'highest rate with ack p99 < 100 ms',
      describeHighest(r.bare),
      describeHighest(e?.durable),
      describeHighest(e?.ack),
      describeHighest(s?.durable),
      describeHighest(s?.ack),
    ],
    ['ack p50 / p99 at 250/s', at250(r.bare), at250(e?.durable), at250(e?.ack), at250(s?.durable), at250(s?.ack)],
    [
      'saturation (achieved at the first saturated step)',
      saturation(r.bare),
      saturation(e?.durable),
      saturation(e?.ack),
      saturation(s?.durable),
      saturation(s?.ack),
    ],
    [
      'relay throughput, unthrottled Slack (backlog drain)',
      '',
      '',
      e?.relayThroughput ? `${f(e.relayThroughput.drainPerSec, 0)} msg/s` : '—',
      '',
      s?.relayThroughput ? `${f(s.relayThroughput.drainPerSec, 0)} msg/s` : '—',
    ],
    [
      `relay latency p50 / p99 at ${e?.relayLatency?.ratePerSec ?? s?.relayLatency?.ratePerSec ?? 100} msg/s over ${e?.relayLatency?.cases ?? s?.relayLatency?.cases ?? 100} cases`,
      '',
      '',
      e?.relayLatency ? `${ms(e.relayLatency.latencyMs.p50)} / ${ms(e.relayLatency.latencyMs.p99)} ms` : '—',
      '',
      s?.relayLatency ? `${ms(s.relayLatency.latencyMs.p50)} / ${ms(s.relayLatency.latencyMs.p99)} ms` : '—',
    ],
    ['CPU per relayed message (node + PostgreSQL)', '', '', cpuCell(e?.relayLatency?.cost, false), '', cpuCell(s?.relayLatency?.cost, true)],
    [
      'RSS after start (node; embedded PostgreSQL Pss)',
      '',
      '',
      e?.afterStart ? `node ${f(e.afterStart.nodeRssMb, 0)} MB, PostgreSQL ${f(e.afterStart.postgresPssMb, 0)} MB` : '—',
      '',
      s?.afterStart ? `node ${f(s.afterStart.nodeRssMb, 0)} MB` : '—',
    ],
    [
      'RSS peak (node; embedded PostgreSQL Pss)',
      '',
      '',
      e?.peaks ? `node ${f(e.peaks.nodeRssMb, 0)} MB, PostgreSQL ${f(e.peaks.postgresPssMb, 0)} MB` : '—',
      '',
      s?.peaks ? `node ${f(s.peaks.nodeRssMb, 0)} MB` : '—',
    ],
    ['idle CPU (30 s, % of a core)', '', '', e?.idle ? `${f(e.idle.totalPercent, 2)} %` : '—', '', s?.idle ? `${f(s.idle.totalPercent, 2)} %` : '—'],
    [
      'paced drain (messages to one case, Slack 1 msg/s)',
      '',
      '',
      e?.drain
        ? `${e.drain.messages} in ${f(e.drain.spanSec)} s, ${e.drain.channelPosts} posts in the channel (theory ${e.drain.theoreticalSpanSec} s), ${e.drain.rateLimited} × 429`
        : '—',
      '',
      s?.drain
        ? `${s.drain.messages} in ${f(s.drain.spanSec)} s, ${s.drain.channelPosts} posts in the channel (theory ${s.drain.theoreticalSpanSec} s), ${s.drain.rateLimited} × 429`
        : '—',
    ],
    [
      'reminders: start-up with pending reminders / due pings skew p50, p99',
      '',
      '',
      e?.reminders
        ? `${e.reminders.pending}: reconcile ${f((e.reminders.reconcileMs ?? Number.NaN) / 1000)} s; skew ${f(e.reminders.skewMs.p50 / 1000, 2)} / ${f(e.reminders.skewMs.p99 / 1000, 2)} s`
        : '—',
      '',
      s?.reminders
        ? `${s.reminders.pending}: reconcile ${f((s.reminders.reconcileMs ?? Number.NaN) / 1000)} s; skew ${f(s.reminders.skewMs.p50 / 1000, 2)} / ${f(s.reminders.skewMs.p99 / 1000, 2)} s`
        : '—',
    ],
  ];
  return table(
    [
      '',
      'bare server',
      'durable limit (embedded PostgreSQL)',
      'product, embedded (default)',
      'durable limit (machine PostgreSQL)',
      'product, PostgreSQL + Redis',
    ],
    rows,
  );
}

function ackTable(name: string, ack: AckResult | undefined): string[][] {
  if (!ack) return [];
  return [
    ...ack.steps.map((s) => [
      name,
      `${s.offeredPerSec}/s`,
      `${f(s.achievedPerSec, 0)}/s`,
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p95),
      ms(s.latencyMs.p99),
      ms(s.latencyMs.max),
      `${s.errors}${
        Object.keys(s.errorKinds).length
          ? ` (${Object.entries(s.errorKinds)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')})`
          : ''
      }`,
      ms(s.generatorLagP99Ms),
      s.saturated ? 'saturated' : '',
    ]),
    ...ack.skipped.map((rate) => [name, `${rate}/s`, 'not run (a lower rate saturated)', '', '', '', '', '', '', '']),
  ];
}

function checkLine(name: string, c: DeliveryCheck | undefined): string {
  if (!c) return `- ${name}: not run`;
  return `- ${name}: ${c.sent} sent, ${c.acknowledged} acknowledged, ${c.posted} posted; duplicates ${c.duplicates}, wrong thread ${c.wrongThread}, out of order ${c.outOfOrder}, gaps ${c.gaps}, lost ${c.lost}, failed ${c.failed}, still owed ${c.owed}${c.sendOrderInversions ? ` (${c.sendOrderInversions} pairs relayed opposite to their sending: they were in flight together)` : ''} — ${c.problems.length ? `**FAIL: ${c.problems.join('; ')}**` : 'OK'}`;
}

function costLines(cost: RelayCost, messages: string): string[] {
  const c = cost.cpu;
  const d = cost.dbPerMessage;
  const lines = [
    `- CPU over ${f(c.wallMs / 1000)} s for ${messages}: node ${f(c.nodeMs, 0)} ms, PostgreSQL ${f(c.postgresMs, 0)} ms, Redis ${f(c.redisMs, 0)} ms (shared server), load generator ${f(c.generatorMs, 0)} ms, bench with the fakes ${f(c.benchMs, 0)} ms`,
    `- per message: node ${f(cost.cpuPerMessageMs.nodeMs, 2)} ms, PostgreSQL ${f(cost.cpuPerMessageMs.postgresMs, 2)} ms, Redis ${f(cost.cpuPerMessageMs.redisMs, 2)} ms; ${f(d.commits)} commits, ${f(d.rollbacks, 2)} rollbacks, rows: ${f(d.rowsInserted)} inserted, ${f(d.rowsUpdated)} updated, ${f(d.rowsDeleted)} deleted, ${f(d.rowsFetched, 0)} fetched, ${f(d.rowsReturned, 0)} returned`,
  ];
  lines.push(
    `- tables that read the most rows, per message: ${cost.tablesPerMessage
      .filter((t) => t.seqRowsRead + t.indexRowsFetched >= 1)
      .map(
        (t) => `${t.table} ${f(t.seqRowsRead, 0)} by ${f(t.seqScans, 2)} sequential scans + ${f(t.indexRowsFetched, 0)} by ${f(t.indexScans, 1)} index scans`,
      )
      .join('; ')}`,
  );
  if (cost.statementsUnavailable) lines.push(`- pg_stat_statements: not available (${cost.statementsUnavailable})`);
  if (cost.statements) {
    lines.push(
      `- pg_stat_statements: ${f(cost.statements.roundTripsPerMessage)} statements sent per relayed message (round trips), and ${f(cost.statements.nestedPerMessage)} more run inside functions; ${f(cost.statements.totalMs, 0)} ms of execution in all. The statements that took the most time (nested ones' time is part of their caller's):`,
      '',
      table(
        ['calls/msg', 'calls', 'total ms', 'mean ms', 'sent or nested', 'statement'],
        cost.statements.statements.map((s) => [
          f(s.callsPerMessage, 2),
          String(s.calls),
          f(s.totalMs, 0),
          f(s.meanMs, 3),
          s.toplevel ? 'sent' : 'nested',
          `\`${s.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\``,
        ]),
      ),
      '',
      'The statements sent most often (round trips per relayed message):',
      '',
      table(
        ['calls/msg', 'calls', 'total ms', 'mean ms', 'statement'],
        cost.statements.sentByCalls.map((s) => [
          f(s.callsPerMessage, 2),
          String(s.calls),
          f(s.totalMs, 0),
          f(s.meanMs, 3),
          `\`${s.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\``,
        ]),
      ),
      '',
    );
  }
  return lines;
}

function modeSection(m: ModeReport): string {
  const out: string[] = [`### ${m.mode === 'embedded' ? 'Embedded (default)' : 'PostgreSQL + Redis'}`, ''];
  if (m.readyMs !== undefined)
    out.push(
      `- start on an empty database: /readyz after ${f(m.readyMs / 1000)} s; stop (SIGTERM to exit): ${m.stop ? `${f(m.stop.ms / 1000)} s, exit code ${m.stop.exitCode}` : '—'}`,
    );
  if (m.afterStart)
    out.push(
      `- memory right after start: node RSS ${f(m.afterStart.nodeRssMb, 0)} MB${m.afterStart.postgresPssMb !== undefined ? `, PostgreSQL Pss ${f(m.afterStart.postgresPssMb, 0)} MB` : ''}`,
    );
  if (m.idle)
    out.push(
      `- idle CPU over ${m.idle.seconds} s: node ${f(m.idle.nodePercent, 2)} %, PostgreSQL ${f(m.idle.postgresPercent, 2)} %${m.mode === 'services' ? `, Redis (whole shared server) ${f(m.idle.redisPercent, 2)} %` : ''}`,
    );
  if (m.setup)
    out.push(
      `- setup: ${m.setup.cases} cases in ${m.setup.channels} channels, each with a consented LINE user, through signed HTTP in ${f(m.setup.ms / 1000)} s`,
    );
  if (m.afterSetup)
    out.push(
      `- memory after the setup: node RSS ${f(m.afterSetup.nodeRssMb, 0)} MB${m.afterSetup.postgresPssMb !== undefined ? `, PostgreSQL Pss ${f(m.afterSetup.postgresPssMb, 0)} MB` : ''}`,
    );
  if (m.peaks)
    out.push(
      `- peaks: node RSS ${f(m.peaks.nodeRssMb, 0)} MB${m.mode === 'embedded' ? `, PostgreSQL Pss ${f(m.peaks.postgresPssMb, 0)} MB` : ''}; load average (1 min) up to ${f(m.peaks.loadAverage1m, 2)}`,
    );
  if (m.relayLatency) {
    const r = m.relayLatency;
    out.push(
      '',
      `**Relay latency** at ${r.ratePerSec} msg/s over ${r.cases} cases (${r.messages} messages, unthrottled Slack): p50 ${ms(r.latencyMs.p50)} ms, p95 ${ms(r.latencyMs.p95)} ms, p99 ${ms(r.latencyMs.p99)} ms, max ${ms(r.latencyMs.max)} ms; first send to last post ${f(r.spanMs / 1000)} s${r.drained ? '' : ' (**not drained in time**)'}`,
      ...costLines(r.cost, `${r.acknowledged} messages`),
    );
  }
  if (m.relayThroughput) {
    const r = m.relayThroughput;
    out.push(
      '',
      `**Relay throughput**: ${r.messages} messages sent at ${r.offeredPerSec}/s; ${r.backlogAtIntakeEnd} still owed when intake ended, drained at ${f(r.drainPerSec, 0)} posts/s (overall ${f(r.overallPerSec, 0)}/s)${r.drained ? '' : ' (**not drained in time**)'}`,
      ...costLines(r.cost, `${r.messages} messages`),
    );
  }
  if (m.drain) {
    const d = m.drain;
    out.push(
      '',
      `**Paced drain**: ${d.messages} messages to one case: first to last post ${f(d.spanSec)} s, ${d.channelPosts} posts into its channel in that time (theory ${d.theoreticalSpanSec} s at 1 post/s), ${f(d.postsPerSec, 3)} posts/s = ${f(100 * d.ratioToTheory)} % of the theoretical rate; gaps p50 ${ms(d.gapsMs.p50)} ms, p99 ${ms(d.gapsMs.p99)} ms; first send to last post ${f(d.totalSec)} s; ${d.rateLimited} × 429 from Slack`,
    );
  }
  if (m.reminders) {
    const r = m.reminders;
    out.push(
      '',
      `**Reminders at scale**: ${r.pending} pending reminders (one pending ping each) inserted in ${f(r.insertMs / 1000)} s; the product's start: /readyz after ${f(r.readyMs / 1000)} s, "reminder jobs reconciled" after ${r.reconcileMs !== null ? `${f(r.reconcileMs / 1000)} s` : '— (never logged)'} (${
        r.reconciled
          ? Object.entries(r.reconciled)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')
          : '—'
      })`,
      `- ${r.due} pings due at the same moment: ${r.fired} DMed, skew (DM posted − due) p50 ${f(r.skewMs.p50 / 1000, 2)} s, p99 ${f(r.skewMs.p99 / 1000, 2)} s, max ${f(r.skewMs.max / 1000, 2)} s; ${r.duplicates} duplicate DM(s)`,
      `- memory: reminders and pings tables ${f(r.tableBytesPerReminder, 0)} bytes per reminder; queue store ${f(r.queueBytes / 1024 / 1024)} MB for ${r.queueJobs} jobs (${f(r.queueBytesPerJob, 0)} bytes per job); node RSS ${f(r.nodeRssEmptyMb, 0)} MB empty → ${f(r.nodeRssLoadedMb, 0)} MB loaded (${f(r.nodeRssPer1000Mb, 2)} MB per 1,000 pending)`,
    );
  }
  if (m.cpuProfile) {
    const p = m.cpuProfile;
    out.push(
      '',
      `**CPU profile of node** (${p.file}${p.window ? ', the relay latency load only' : ', the whole life of the process'}): ${f(p.busyMs / 1000)} s busy of ${f(p.wallMs / 1000)} s`,
      '',
      table(
        ['where', '% of busy', 'ms'],
        p.byPlace.slice(0, 15).map((s) => [`\`${s.name}\``, f(s.percent), f(s.ms, 0)]),
      ),
      '',
      table(
        ['function', '% of busy', 'ms'],
        p.byFunction.slice(0, 20).map((s) => [`\`${s.name.replace(/\|/g, '\\|')}\``, f(s.percent), f(s.ms, 0)]),
      ),
      '',
      'Who called the heaviest functions without code of their own (the first caller in a package or in src/):',
      '',
      ...p.callers.map((c) => `- \`${c.name}\`: ${c.callers.map((x) => `\`${x.name}\` ${f(x.percent)} %`).join(', ')}`),
    );
  }
  return out.join('\n');
}

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const out: string[] = [
    `# Tsunagi bench — ${r.name}`,
    '',
    `\`${r.command}\`, ${r.startedAt}, ${f(r.durationSec / 60)} min${r.quick ? ' (**quick**: short steps, fewer messages; not comparable with full runs)' : ''}.`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.kernel}. Node ${m.node}; embedded PostgreSQL ${m.postgresEmbedded}; machine PostgreSQL ${m.postgresMachine}; Redis ${m.redis}.`,
    `Load average (1 min) during the run: min ${f(r.load.min1m, 2)}, mean ${f(r.load.mean1m, 2)}, max ${f(r.load.max1m, 2)} (at the start ${r.load.atStart.map((x) => f(x, 2)).join(' / ')}, at the end ${r.load.atEnd.map((x) => f(x, 2)).join(' / ')}). The machine is shared: compare figures of one run only.`,
    '',
    '## Issue #14 table',
    '',
    issueTable(r),
    '',
    '## Targets',
    '',
    table(
      ['mode', 'what', 'target', 'measured', ''],
      r.targets.map((t) => [
        t.mode,
        t.what,
        t.target,
        `${t.measured}${t.note ? ` (${t.note})` : ''}`,
        t.pass === null ? 'not measured' : t.pass ? 'PASS' : '**FAIL**',
      ]),
    ),
    '',
    '## Guarantees (order, exactly once, no loss)',
    '',
    r.correctness.ok ? 'All held.' : `**FAILED**: ${r.correctness.problems.join('; ')}`,
    '',
  ];
  for (const mode of ['embedded', 'services'] as const) {
    const x = r.modes[mode];
    if (!x) continue;
    out.push(
      checkLine(`${mode}, relay latency`, x.relayLatency?.check),
      checkLine(`${mode}, relay throughput`, x.relayThroughput?.check),
      checkLine(`${mode}, ack steps (after a wait of ${x.ackCheck?.waitedSec ?? '—'} s for the backlog)`, x.ackCheck),
      checkLine(`${mode}, paced drain`, x.drain?.check),
    );
  }
  const ackRows = [
    ...ackTable('bare server', r.bare),
    ...ackTable('durable limit, embedded PostgreSQL', r.modes.embedded?.durable),
    ...ackTable('product, embedded', r.modes.embedded?.ack),
    ...ackTable('durable limit, machine PostgreSQL', r.modes.services?.durable),
    ...ackTable('product, PostgreSQL + Redis', r.modes.services?.ack),
  ];
  out.push('', '## Detail', '');
  if (ackRows.length) {
    out.push(
      '### Ack latency steps',
      '',
      'Open loop: each request is sent at its time whether or not earlier ones were answered; latency runs from that time to the complete answer, so a request that waited for a connection counts its wait.',
      '',
      table(['target', 'offered', 'achieved', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'generator lag p99 ms', ''], ackRows),
      '',
    );
  }
  for (const mode of ['embedded', 'services'] as const) {
    const x = r.modes[mode];
    if (x) out.push(modeSection(x), '');
  }
  out.push('## How this was measured', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
