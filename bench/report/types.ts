/** What one run of the bench found: the JSON report, from which the Markdown report is written. */
import type { DeliveryCheck } from '../checks.js';
import type { MachineInfo } from '../machine.js';
import type { AckResult } from '../parts/ack.js';
import type { DrainResult } from '../parts/drain.js';
import type { Footprint, IdleCpu } from '../parts/idle.js';
import type { RelayLatencyResult, RelayThroughputResult } from '../parts/relay.js';
import type { RemindersResult } from '../parts/reminders.js';
import type { ProfileSummary } from '../profile/cpu-profile.js';
import type { Mode } from '../product.js';
import type { Peaks } from '../session.js';

export interface ModeReport {
  mode: Mode;
  /** The first start of the product on an empty database: spawn to /readyz, ms. */
  readyMs?: number;
  afterStart?: Footprint;
  idle?: IdleCpu;
  setup?: { cases: number; channels: number; ms: number };
  afterSetup?: Footprint;
  durable?: AckResult;
  relayLatency?: RelayLatencyResult;
  relayThroughput?: RelayThroughputResult;
  ack?: AckResult;
  /** Guarantees over every message of the ack steps, after a bounded wait for the backlog. */
  ackCheck?: DeliveryCheck & { waitedSec: number };
  peaks?: Peaks;
  /** SIGTERM to exit, ms, and the exit code. */
  stop?: { ms: number; exitCode: number | null };
  drain?: DrainResult;
  reminders?: RemindersResult;
  cpuProfile?: ProfileSummary;
}

export interface TargetResult {
  id: string;
  mode: Mode | 'both';
  what: string;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  pass: boolean | null;
  note?: string;
}

export interface BenchReport {
  name: string;
  startedAt: string;
  durationSec: number;
  command: string;
  quick: boolean;
  machine: MachineInfo;
  load: { atStart: number[]; atEnd: number[]; min1m: number; mean1m: number; max1m: number };
  settings: Record<string, unknown>;
  bare?: AckResult;
  modes: Partial<Record<Mode, ModeReport>>;
  targets: TargetResult[];
  correctness: { ok: boolean; problems: string[] };
  notes: string[];
}
