/** `npm run bench -- [options]`: what to run and how long. */
import { parseArgs } from 'node:util';
import type { Mode } from './product.js';

export const PARTS = ['ack', 'relay', 'drain', 'cost', 'reminders'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  parts: Set<Part>;
  modes: Mode[];
  quick: boolean;
  /** Offered rates of the ack steps, requests per second. */
  rates: number[];
  stepSeconds: number;
  warmupSeconds: number;
  /** Keep going to higher rates after a target saturated (default: stop there). */
  allSteps: boolean;
  cases: number;
  channels: number;
  relayRate: number;
  relaySeconds: number;
  burstCount: number;
  burstRate: number;
  drainMessages: number;
  idleSeconds: number;
  reminders: number;
  remindersDue: number;
  /** How long after the product's spawn the due reminders are due. */
  remindersDueAfterSeconds: number;
  /** node --cpu-prof on the product, pg_stat_statements on the embedded PostgreSQL. */
  profile: boolean;
  /** Runs the product as the image and the systemd unit do: built by tsc, `node dist/main.js` (default: as `npm start`, through tsx). */
  built: boolean;
  outDir: string;
  /** Name of the report files (default: the date and time). */
  name: string | undefined;
  maxSockets: number;
}

const HELP = `npm run bench -- [options]
  --only ack,relay,drain,cost,reminders   parts to run (default: all)
  --mode embedded|services                one mode (default: both)
  --quick                                 short steps, fewer messages and reminders (development)
  --rates 250,500,1000,2000               offered rates of the ack steps (per second)
  --step-seconds N  --warmup-seconds N    length of each ack step and of its warm-up
  --all-steps                             run every rate even after a target saturated
  --cases N --channels N                  cases (one linked LINE user each) and their Slack channels
  --relay-rate N --relay-seconds N        the relay latency load (default 100/s over the cases, 15 s)
  --burst N --burst-rate N                the backlog whose drain gives the relay throughput
  --drain N                               messages to one case for the paced drain (default 60)
  --idle-seconds N                        idle CPU window (default 30)
  --reminders N --reminders-due N         pending reminders, and how many of them are due in the same minute
  --profile                               CPU profile of the product, pg_stat_statements (embedded)
  --built                                 the product built (tsc) and run as in production: node dist/main.js
  --out DIR --name NAME                   where the Markdown and JSON reports go (default bench/reports)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      mode: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rates: { type: 'string' },
      'step-seconds': { type: 'string' },
      'warmup-seconds': { type: 'string' },
      'all-steps': { type: 'boolean', default: false },
      cases: { type: 'string' },
      channels: { type: 'string' },
      'relay-rate': { type: 'string' },
      'relay-seconds': { type: 'string' },
      burst: { type: 'string' },
      'burst-rate': { type: 'string' },
      drain: { type: 'string' },
      'idle-seconds': { type: 'string' },
      reminders: { type: 'string' },
      'reminders-due': { type: 'string' },
      profile: { type: 'boolean', default: false },
      built: { type: 'boolean', default: false },
      out: { type: 'string' },
      name: { type: 'string' },
      'max-sockets': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const num = (v: string | undefined, full: number, short: number) => {
    if (v === undefined) return quick ? short : full;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`);
    return n;
  };
  const parts = new Set<Part>(
    values.only
      ? values.only.split(',').map((p) => {
          if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: unknown part ${p} (${PARTS.join(', ')})`);
          return p as Part;
        })
      : PARTS,
  );
  if (values.mode && values.mode !== 'embedded' && values.mode !== 'services') throw new Error('--mode: embedded or services');
  const cases = num(values.cases, 100, 20);
  return {
    parts,
    modes: values.mode ? [values.mode as Mode] : ['embedded', 'services'],
    quick,
    rates: (values.rates ?? '250,500,1000,2000').split(',').map(Number),
    stepSeconds: num(values['step-seconds'], 10, 3),
    warmupSeconds: num(values['warmup-seconds'], 2, 1),
    allSteps: values['all-steps'] ?? false,
    cases,
    channels: num(values.channels, cases, cases),
    relayRate: num(values['relay-rate'], 100, 100),
    relaySeconds: num(values['relay-seconds'], 15, 5),
    burstCount: num(values.burst, 1000, 500),
    burstRate: num(values['burst-rate'], 500, 500),
    drainMessages: num(values.drain, 60, 10),
    idleSeconds: num(values['idle-seconds'], 30, 10),
    reminders: num(values.reminders, 100_000, 10_000),
    remindersDue: num(values['reminders-due'], 1000, 200),
    remindersDueAfterSeconds: quick ? 25 : 40,
    profile: values.profile ?? false,
    built: values.built ?? false,
    outDir: values.out ?? 'bench/reports',
    name: values.name,
    maxSockets: num(values['max-sockets'], 256, 256),
  };
}
