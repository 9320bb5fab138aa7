import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { emptyLineAccount } from './line-standin/account.js';
import type { LineAccountState } from './shared/line-types.js';
import type { SlackWorkspaceState } from './shared/slack-types.js';
import { emptyWorkspace, type FileBytes } from './slack-standin/workspace.js';

/** The demo's own secrets: made up at first start, kept (the bot stores invite codes hashed with the channel secret). */
export interface DemoSecrets {
  SLACK_BOT_TOKEN: string;
  SLACK_SIGNING_SECRET: string;
  LINE_CHANNEL_ACCESS_TOKEN: string;
  LINE_CHANNEL_SECRET: string;
}

/** Everything of the sandbox that must survive a restart together with the bot's database. */
export interface SandboxState {
  version: 1;
  secrets: DemoSecrets;
  /** The database the bot's rows are in (embedded, or DATABASE_URL without its password). */
  database: string;
  clockOffsetMs: number;
  seeded: boolean;
  /** The sample data was being made when the demo stopped: the next start wipes and makes it again. */
  seedStarted?: boolean;
  slack: SlackWorkspaceState;
  line: LineAccountState;
}

export function newSecrets(): DemoSecrets {
  const hex = (n: number) => randomBytes(n).toString('hex');
  return {
    SLACK_BOT_TOKEN: `xoxb-demo-${hex(12)}`,
    SLACK_SIGNING_SECRET: hex(16),
    LINE_CHANNEL_ACCESS_TOKEN: `demo-${hex(24)}`,
    LINE_CHANNEL_SECRET: hex(16),
  };
}

export function freshState(database: string): SandboxState {
  return { version: 1, secrets: newSecrets(), database, clockOffsetMs: 0, seeded: false, slack: emptyWorkspace(), line: emptyLineAccount() };
}

/**
 * The stand-ins' state as one JSON file in the demo folder (written a moment after each change, and
 * at stop), and uploaded Slack files beside it.
 */
export class SandboxStore {
  private timer: NodeJS.Timeout | undefined;
  readonly files: FileBytes;

  constructor(
    readonly dir: string,
    public state: SandboxState,
  ) {
    const filesDir = path.join(dir, 'slack-files');
    fs.mkdirSync(filesDir, { recursive: true });
    this.files = {
      get: (id) => {
        try {
          return fs.readFileSync(path.join(filesDir, path.basename(id)));
        } catch {
          return undefined; // a file whose bytes never arrived
        }
      },
      put: (id, bytes) => fs.writeFileSync(path.join(filesDir, path.basename(id)), bytes),
    };
  }

  static file(dir: string): string {
    return path.join(dir, 'sandbox-state.json');
  }

  /** The saved state, or undefined on a first start. */
  static load(dir: string): SandboxState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(SandboxStore.file(dir), 'utf8');
    } catch {
      return undefined;
    }
    const state = JSON.parse(text) as SandboxState;
    if (state.version !== 1) throw new Error(`${SandboxStore.file(dir)} was written by another version of the demo; press reset or delete the demo folder`);
    return state;
  }

  /** Saves soon (changes come in bursts). */
  saveSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, 250);
    this.timer.unref();
  }

  saveNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const file = SandboxStore.file(this.dir);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, file);
  }

  /** Forgets every file and the state (reset). */
  wipe(database: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    fs.rmSync(path.join(this.dir, 'slack-files'), { recursive: true, force: true });
    fs.mkdirSync(path.join(this.dir, 'slack-files'), { recursive: true });
    this.state = freshState(database);
    this.saveNow();
  }
}
