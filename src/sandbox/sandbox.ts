import fs from 'node:fs';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { startTsunagi, type Tsunagi } from '../app.js';
import { loadConfig, type Config, type DemoConfig } from '../config/env.js';
import { errorMessage } from '../lib/errors.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { buildPage, type PageBundle } from './bundle.js';
import { DemoClock } from './clock.js';
import { databaseIdentity, holdsTsunagiData, wipeDatabase, wipeRedisPrefix } from './demo-database.js';
import { LineAccount } from './line-standin/account.js';
import { lineMessagingApi } from './line-standin/messaging-api.js';
import { LinePhones } from './line-standin/phones.js';
import { startPageServer, type PageServer } from './page-server.js';
import { freshState, SandboxStore } from './persist.js';
import { listen, type Listener } from './platform-http.js';
import { readSample } from './samples.js';
import { runSeed } from './seed.js';
import type { Snapshot } from './shared/snapshot.js';
import { SlackPeople } from './slack-standin/interactions.js';
import { readManifest } from './slack-standin/manifest.js';
import { slackWebApi } from './slack-standin/web-api.js';
import { SlackWorkspace } from './slack-standin/workspace.js';
import { setUpWorkspace } from './workspace-setup.js';

export class SandboxRefusedError extends Error {
  readonly code = 'sandbox_refused';
}

export interface SandboxOptions {
  demo: DemoConfig;
  /** The sandbox's own log (the bot logs to `<demo folder>/logs/tsunagi.log` unless `botLog` is given). */
  logger?: Logger;
  botLog?: DestinationStream;
  /** Seed the demo data on a first start (default true). */
  seed?: boolean;
}

export interface Sandbox {
  /** The page: `http://127.0.0.1:3000/`. */
  url: string;
  clock: DemoClock;
  slack: { workspace: SlackWorkspace; people: SlackPeople; apiUrl: string };
  line: { account: LineAccount; phones: LinePhones; apiBaseUrl: string; dataApiBaseUrl: string };
  /** The running bot (replaced by a reset). */
  app(): Tsunagi;
  /** Resolves when the demo data is in place (at once when it already was). */
  seeded(): Promise<void>;
  /** Moves the demo's clock (which is the bot's): reminders, escalation and the digest fire through their real path. */
  advanceClock(ms: number | 'next-reminder'): Promise<void>;
  /** When the next reminder ping is due, if any. */
  nextReminderAt(): Promise<number | null>;
  /** Wipes the bot's database, the queues and both stand-ins, and seeds again. */
  reset(): Promise<void>;
  snapshot(): Snapshot;
  stop(): Promise<void>;
}

const noopLogger = createLogger('silent');

/**
 * `npm run demo` as a function: the real bot (its database, queues and HTTP server on an internal
 * port) with stand-ins of Slack's Web API and LINE's Messaging API on their own internal origins, and
 * the page on `demo.port`. Everything the page does reaches the bot as the platforms' signed HTTP.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { demo } = options;
  const log = options.logger ?? noopLogger;
  fs.mkdirSync(demo.demoDir, { recursive: true });
  const identity = databaseIdentity(demo.databaseUrl, demo.demoDir);
  const saved = SandboxStore.load(demo.demoDir);
  if (saved && saved.database !== identity) {
    throw new SandboxRefusedError(
      `The demo folder ${demo.demoDir} belongs to another database (${saved.database}). ` +
        'Use the DATABASE_URL it was made with, another DEMO_DIR, or delete the folder to start afresh.',
    );
  }
  if (!saved && demo.databaseUrl && (await holdsTsunagiData(demo.databaseUrl))) {
    throw new SandboxRefusedError(
      'DATABASE_URL points at a database that already holds Tsunagi data the demo did not make. ' +
        'The demo seeds its own data and its reset button wipes the database: give it an empty database.',
    );
  }
  const store = new SandboxStore(demo.demoDir, saved ?? freshState(identity));
  const clock = new DemoClock(store.state.clockOffsetMs);
  const manifest = readManifest();
  let bundle: PageBundle | undefined;
  const bundling = buildPage().then((b) => (bundle = b));

  let workspace = new SlackWorkspace(store.state.slack, () => clock.nowMs(), store.files);
  let account = new LineAccount(store.state.line, () => clock.nowMs(), { read: readSample });
  setUpWorkspace(workspace);
  // Ephemeral messages live only in a Slack session: after a restart they are gone.
  for (const e of workspace.state.ephemerals) e.hidden = true;
  const status: Snapshot['status'] = { seeding: null, resetting: false, problem: null };
  let app: Tsunagi | undefined;
  let nextReminder: number | null = null;

  const slackApi = await listen((req, res) => slackWebApi(workspace, { token: store.state.secrets.SLACK_BOT_TOKEN, origin: () => slackApi.origin })(req, res), {
    host: '127.0.0.1',
    port: 0,
  });
  const lineHandlers = () => lineMessagingApi(account, { channelAccessToken: store.state.secrets.LINE_CHANNEL_ACCESS_TOKEN });
  const lineApi = await listen((req, res) => lineHandlers().messaging(req, res), { host: '127.0.0.1', port: 0 });
  const lineData = await listen((req, res) => lineHandlers().data(req, res), { host: '127.0.0.1', port: 0 });
  const listeners: Listener[] = [slackApi, lineApi, lineData];

  /** Set by stop(): the sample data stops being made, and requests cut short by the stop are not problems. */
  let stopping = false;
  const deliveryProblem = (what: string, detail: string) => {
    if (!stopping) log.warn({ what, detail }, 'the app did not answer a platform request');
  };
  const makePeople = () =>
    new SlackPeople(
      workspace,
      manifest,
      () => (app ? { requestUrl: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: store.state.secrets.SLACK_SIGNING_SECRET } : undefined),
      () => slackApi.origin,
      (what, d) => deliveryProblem(what, d.failed ?? String(d.status)),
    );
  const makePhones = () =>
    new LinePhones(
      account,
      () => (app ? { url: `http://127.0.0.1:${app.port}/line/webhook`, channelSecret: store.state.secrets.LINE_CHANNEL_SECRET } : undefined),
      (s) => deliveryProblem('line webhook', String(s)),
    );
  let people = makePeople();
  let phones = makePhones();

  const botConfig = (): Config =>
    loadConfig({
      ...demo.botEnv,
      ...store.state.secrets,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(demo.demoDir, 'data'),
      ...(demo.databaseUrl ? { DATABASE_URL: demo.databaseUrl } : {}),
      ...(demo.redisUrl ? { REDIS_URL: demo.redisUrl } : {}),
      QUEUE_PREFIX: demo.queuePrefix,
      SLACK_API_URL: `${slackApi.origin}/api/`,
      LINE_API_BASE_URL: lineApi.origin,
      LINE_DATA_API_BASE_URL: lineData.origin,
      LOG_LEVEL: demo.logLevel,
    });
  const botLog = options.botLog ?? openBotLog(demo.demoDir);
  const startBot = async () => {
    app = await startTsunagi(botConfig(), createLogger(demo.logLevel, botLog), { clock: () => clock.now() });
  };

  let page: PageServer | undefined;
  /** The clock bar's "next reminder": read from the bot's database after changes and every few seconds. */
  let refreshing = false;
  const refreshNextReminder = async () => {
    if (refreshing) return;
    refreshing = true;
    try {
      const value = await sandbox.nextReminderAt();
      if (value !== nextReminder) {
        nextReminder = value;
        page?.changed();
      }
    } catch (error) {
      log.warn({ err: errorMessage(error) }, 'could not read the next reminder');
    } finally {
      refreshing = false;
    }
  };
  const refreshTimer = setInterval(() => void refreshNextReminder(), 3000);
  refreshTimer.unref();
  const onChange = () => {
    store.saveSoon();
    page?.changed();
  };
  let unsubscribe = [workspace.onChange(onChange), account.onChange(onChange)];

  let seeding: Promise<void> = Promise.resolve();
  const seedIfNeeded = () => {
    if (store.state.seeded || options.seed === false || stopping) return;
    if (store.state.seedStarted) {
      // Stopped while the sample data was being made: start again from an empty database.
      void sandbox.reset().catch((error: unknown) => {
        status.problem = `reset: ${errorMessage(error)}`;
        log.error({ err: errorMessage(error) }, 'the demo could not start afresh after an interrupted seed');
      });
      return;
    }
    store.state.seedStarted = true;
    store.saveNow();
    seeding = (async () => {
      try {
        await runSeed({
          workspace,
          people,
          account,
          phones,
          clock,
          timeZone: sandbox.app().config.timeZone,
          clockMoved: () => sandbox.app().clockMoved(),
          settle: () => settle(sandbox.app()),
          onStep: (step) => {
            if (stopping) throw new SeedStopped();
            status.seeding = step;
            page?.changed();
          },
        });
        store.state.seeded = true;
        store.state.seedStarted = false;
        store.state.clockOffsetMs = clock.offset;
        store.saveNow();
      } catch (error) {
        if (error instanceof SeedStopped || stopping) return; // the next start makes the sample data afresh
        status.problem = `seed: ${errorMessage(error)}`;
        log.error({ err: errorMessage(error) }, 'seeding the demo data failed');
      } finally {
        status.seeding = null;
        page?.changed();
        void refreshNextReminder();
      }
    })();
  };

  const sandbox: Sandbox = {
    url: '',
    clock,
    get slack() {
      return { workspace, people, apiUrl: `${slackApi.origin}/api/` };
    },
    get line() {
      return { account, phones, apiBaseUrl: lineApi.origin, dataApiBaseUrl: lineData.origin };
    },
    app() {
      if (!app) throw new Error('the bot is not running');
      return app;
    },
    seeded: () => seeding,
    async nextReminderAt() {
      if (!app) return null;
      const now = clock.nowMs();
      const future = (await app.core.store.reminders.pendingPings()).map((p) => p.fireAt.getTime()).filter((t) => t > now);
      return future.length ? Math.min(...future) : null;
    },
    async advanceClock(ms) {
      const by = ms === 'next-reminder' ? ((await sandbox.nextReminderAt()) ?? clock.nowMs()) - clock.nowMs() + 1000 : ms;
      if (by <= 0) return;
      clock.advance(by);
      store.state.clockOffsetMs = clock.offset;
      store.saveNow();
      await sandbox.app().clockMoved();
      await refreshNextReminder();
      page?.changed();
    },
    async reset() {
      status.resetting = true;
      page?.changed();
      try {
        await seeding;
        await app?.stop();
        app = undefined;
        people.close();
        await wipeDatabase(demo.databaseUrl, demo.demoDir);
        if (demo.redisUrl) await wipeRedisPrefix(demo.redisUrl, demo.queuePrefix);
        store.wipe(identity);
        clock.set(Date.now());
        for (const u of unsubscribe) u();
        workspace = new SlackWorkspace(store.state.slack, () => clock.nowMs(), store.files);
        account = new LineAccount(store.state.line, () => clock.nowMs(), { read: readSample });
        setUpWorkspace(workspace);
        unsubscribe = [workspace.onChange(onChange), account.onChange(onChange)];
        people = makePeople();
        phones = makePhones();
        nextReminder = null;
        await startBot();
      } finally {
        status.resetting = false;
        page?.changed();
      }
      seedIfNeeded();
    },
    snapshot() {
      const now = clock.nowMs();
      return {
        clock: {
          now,
          offsetMs: clock.offset,
          nextReminderAt: nextReminder !== null && nextReminder > now ? nextReminder : null,
          timeZone: app?.config.timeZone ?? 'Asia/Tokyo',
        },
        status: { ...status },
        slack: {
          ...workspace.state,
          commands: manifest.commands.map(({ command, description, usageHint }) => ({ command, description, usageHint })),
          shortcuts: manifest.shortcuts,
        },
        line: account.state,
      };
    },
    async stop() {
      stopping = true;
      await seeding; // ends at its next step
      clearInterval(refreshTimer);
      await page?.close();
      people.close();
      await app?.stop();
      app = undefined;
      for (const l of listeners) await l.close();
      store.state.clockOffsetMs = clock.offset;
      store.saveNow();
    },
  };

  try {
    await startBot();
    await bundling;
    page = await startPageServer(sandbox, { host: demo.host, port: demo.port, bundle: () => bundle!, logger: log });
    sandbox.url = `${page.origin.replace('//127.0.0.1:', '//localhost:')}/`;
  } catch (error) {
    await sandbox.stop().catch((e: unknown) => log.warn({ err: errorMessage(e) }, 'could not stop after a failed start'));
    throw error;
  }
  seedIfNeeded();
  return sandbox;
}

/** Thrown into the seed at its next step when the demo stops while making the sample data. */
class SeedStopped extends Error {
  constructor() {
    super('the demo stopped while making the sample data');
    this.name = 'SeedStopped';
  }
}

/** Waits until the bot has no inbound, Slack or LINE work queued or running (reminder jobs wait for their time). */
async function settle(app: Tsunagi, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let busy = 0;
    for (const name of ['inbound', 'slack-out', 'line-out'] as const) {
      // The inbound queue always holds the sweep's next run (delayed); the others' delayed jobs are paced posts and retries.
      const states = name === 'inbound' ? (['waiting', 'active', 'prioritized'] as const) : (['waiting', 'active', 'delayed', 'prioritized'] as const);
      const counts = await app.queues.raw(name).getJobCounts(...states);
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    if (busy === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function openBotLog(demoDir: string): DestinationStream {
  fs.mkdirSync(path.join(demoDir, 'logs'), { recursive: true });
  return fs.createWriteStream(path.join(demoDir, 'logs', 'tsunagi.log'), { flags: 'a' });
}
