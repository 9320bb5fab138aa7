import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_OFFICE_HOURS, OfficeHoursError, parseOfficeHours, type OfficeHours } from '../core/office/hours.js';

/**
 * The one place that reads the environment. Everything else receives a `Config`.
 * A missing or invalid variable stops the start with a message naming every problem.
 */

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const secret = (name: string, hint: string) =>
  z
    .string({ error: `${name} is not set. ${hint}` })
    .trim()
    .min(1, { error: `${name} is empty. ${hint}` });

const url = (name: string, protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const optionalUrl = (name: string, protocols: readonly string[]) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), url(name, protocols).optional());

const int = (name: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z
      .number({ error: `${name} must be a whole number` })
      .int({ error: `${name} must be a whole number` })
      .min(min, { error: `${name} must be at least ${min}` })
      .max(max, { error: `${name} must be at most ${max}` }),
  );

const clockTime = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), { error: `${name} must be a time like 09:00` })
    .transform((v) => ({ hour: Number(v.split(':')[0]), minute: Number(v.split(':')[1]) }));

const dayList = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => v === '' || v.split(',').every((d) => /^\d{1,3}$/.test(d.trim())), { error: `${name} must be whole numbers separated by commas, like 14,3` })
    .transform((v) => (v === '' ? [] : v.split(',').map((d) => Number(d.trim()))));

const monthDays = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => v === '' || v.split(',').every((d) => /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d.trim())), {
      error: `${name} must be MM-DD days separated by commas, like 12-29,12-30`,
    })
    .transform((v) => (v === '' ? [] : v.split(',').map((d) => d.trim())));

const optionalSlackUser = (name: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[UW][A-Z0-9]+$/, { error: `${name} must be a Slack user id like U0123ABCD (profile → ⋮ → Copy member ID)` })
      .optional(),
  );

/** On or off: true/false (also 1/0, yes/no, on/off); unset or empty: `fallback`. */
const flag = (name: string, fallback: boolean) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? String(fallback) : typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: `${name} must be true or false` })
      .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on'),
  );

/** Slack member ids separated by commas (spaces allowed); empty or unset: none. */
const slackUserList = (name: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((id) => /^[UW][A-Z0-9]+$/.test(id.trim())), {
      error: `${name} must be Slack user ids separated by commas, like U0123ABCD,U0456EFGH (profile → ⋮ → Copy member ID)`,
    })
    .transform((v) => (v === '' ? [] : [...new Set(v.split(',').map((id) => id.trim()))]));

/** OFFICE_HOURS, read by the office-hours parser; a wrong value says what is wrong and how to write it. */
const officeHours = (name: string) =>
  z
    .string()
    .trim()
    .default(DEFAULT_OFFICE_HOURS)
    .transform((value, ctx): OfficeHours => {
      try {
        return parseOfficeHours(value);
      } catch (error) {
        if (!(error instanceof OfficeHoursError)) throw error;
        ctx.issues.push({ code: 'custom', input: value, message: `${name}="${value}" cannot be used: ${error.message}` });
        return z.NEVER;
      }
    });

const optionalPath = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

const envSchema = z.object({
  SLACK_BOT_TOKEN: secret('SLACK_BOT_TOKEN', 'Copy the Bot User OAuth Token (xoxb-...) from your Slack app: OAuth & Permissions.').refine(
    (v) => v.startsWith('xox'),
    {
      error: 'SLACK_BOT_TOKEN must be a Slack bot token starting with xoxb- (OAuth & Permissions in your Slack app).',
    },
  ),
  SLACK_SIGNING_SECRET: secret('SLACK_SIGNING_SECRET', 'Copy the Signing Secret from your Slack app: Basic Information.'),
  LINE_CHANNEL_ACCESS_TOKEN: secret('LINE_CHANNEL_ACCESS_TOKEN', 'Issue a long-lived channel access token in the LINE Developers console: Messaging API tab.'),
  LINE_CHANNEL_SECRET: secret('LINE_CHANNEL_SECRET', 'Copy the Channel secret from the LINE Developers console: Basic settings tab.'),
  PORT: int('PORT', 3000, 0, 65535),
  HOST: z.string().trim().default('0.0.0.0'),
  DATABASE_URL: optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  REDIS_URL: optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_{}-]+$/, { error: 'QUEUE_PREFIX may hold letters, digits, _, -, { and } only' })
    .default('{tsunagi}'),
  SLACK_API_URL: url('SLACK_API_URL', ['https:', 'http:']).default('https://slack.com/api/'),
  LINE_API_BASE_URL: url('LINE_API_BASE_URL', ['https:', 'http:']).default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: url('LINE_DATA_API_BASE_URL', ['https:', 'http:']).default('https://api-data.line.me'),
  TZ_NAME: z.string().trim().refine(isTimeZone, { error: 'TZ_NAME must be an IANA time zone such as Asia/Tokyo' }).default('Asia/Tokyo'),
  STAFF_LANGUAGE: z.enum(['ja', 'en'], { error: 'STAFF_LANGUAGE must be ja or en' }).default('ja'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.enum(['json', 'pretty'], { error: 'LOG_FORMAT must be json or pretty (or unset: pretty in a terminal, JSON otherwise)' }).optional(),
  ),
  PUBLIC_URL: optionalUrl('PUBLIC_URL', ['https:', 'http:']).transform((v) => v?.replace(/\/+$/, '')),
  WEBHOOK_BODY_LIMIT_BYTES: int('WEBHOOK_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: int('SHUTDOWN_TIMEOUT_MS', 8000, 100, 120_000),
  API_TIMEOUT_MS: int('API_TIMEOUT_MS', 10_000, 100, 120_000),
  WORKER_CONCURRENCY: int('WORKER_CONCURRENCY', 5, 1, 100),
  SLACK_CHANNEL_POST_INTERVAL_MS: int('SLACK_CHANNEL_POST_INTERVAL_MS', 1020, 0, 60_000),
  INVITE_TTL_HOURS: int('INVITE_TTL_HOURS', 72, 1, 24 * 30),
  INVITE_MAX_FAILED_PER_HOUR: int('INVITE_MAX_FAILED_PER_HOUR', 5, 1, 100),
  CASE_CHOICE_TTL_MINUTES: int('CASE_CHOICE_TTL_MINUTES', 30, 1, 24 * 60),
  INVITE_CODE_SECRET: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .min(32, { error: 'INVITE_CODE_SECRET must be at least 32 characters (e.g. the output of `openssl rand -base64 32`), or unset' })
      .optional(),
  ),
  SHARED_CHANNEL_LINKING: z.enum(['name', 'refuse'], { error: 'SHARED_CHANNEL_LINKING must be name or refuse' }).default('name'),
  OFFICE_START: clockTime('OFFICE_START', '09:00'),
  OFFICE_CLOSED_DAYS: monthDays('OFFICE_CLOSED_DAYS', '12-29,12-30,12-31,01-02,01-03'),
  OFFICE_HOURS: officeHours('OFFICE_HOURS'),
  URGENT_WORDS_FILE: optionalPath,
  URGENT_ALERTS: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .enum(['on', 'off'], { error: 'URGENT_ALERTS must be on or off (off: urgent messages are relayed without the 🚨 block, DMs and escalation)' })
      .default('on'),
  ),
  URGENT_ESCALATE_AFTER_MINUTES: z.preprocess(
    (v) => (v === undefined || v === '' ? 10 : Number(v)),
    z
      .number({ error: 'URGENT_ESCALATE_AFTER_MINUTES must be a number of minutes, like 10' })
      .min(0.05, { error: 'URGENT_ESCALATE_AFTER_MINUTES must be at least 0.05' })
      .max(24 * 60, { error: 'URGENT_ESCALATE_AFTER_MINUTES must be at most 1440 (24 hours)' }),
  ),
  URGENT_ONCALL_USER_IDS: slackUserList('URGENT_ONCALL_USER_IDS'),
  AFTER_HOURS_REPLY_PERIOD_HOURS: z.preprocess(
    (v) => (v === undefined || v === '' ? 12 : Number(v)),
    z
      .number({ error: 'AFTER_HOURS_REPLY_PERIOD_HOURS must be a number of hours, like 12 (0: no out-of-hours answer)' })
      .min(0, { error: 'AFTER_HOURS_REPLY_PERIOD_HOURS must be 0 (no out-of-hours answer) or more' })
      .max(24 * 30, { error: 'AFTER_HOURS_REPLY_PERIOD_HOURS must be at most 720 (30 days)' }),
  ),
  VISIT_REMINDER_DAY_BEFORE_AT: clockTime('VISIT_REMINDER_DAY_BEFORE_AT', '17:00'),
  VISIT_REMINDER_HOURS_BEFORE: int('VISIT_REMINDER_HOURS_BEFORE', 1, 0, 48),
  MONITORING_REMINDER_DAYS_BEFORE: dayList('MONITORING_REMINDER_DAYS_BEFORE', '14,3'),
  MILESTONE_REMINDER_DAYS_BEFORE: dayList('MILESTONE_REMINDER_DAYS_BEFORE', '7,0'),
  TASK_REMINDER_DAYS_BEFORE: dayList('TASK_REMINDER_DAYS_BEFORE', '0'),
  REMINDER_ESCALATE_AFTER_MINUTES: z.preprocess(
    (v) => (v === undefined || v === '' ? 24 * 60 : Number(v)),
    z
      .number({ error: 'REMINDER_ESCALATE_AFTER_MINUTES must be a number of minutes' })
      .min(0.05, { error: 'REMINDER_ESCALATE_AFTER_MINUTES must be at least 0.05' })
      .max(14 * 24 * 60, { error: 'REMINDER_ESCALATE_AFTER_MINUTES must be at most 20160 (14 days)' }),
  ),
  ESCALATION_USER_ID: optionalSlackUser('ESCALATION_USER_ID'),
  DIGEST_TIME: clockTime('DIGEST_TIME', '08:30'),
  REMINDER_RECONCILE_EVERY_SECONDS: int('REMINDER_RECONCILE_EVERY_SECONDS', 60, 1, 3600),
  INBOUND_DEDUPE_DAYS: int('INBOUND_DEDUPE_DAYS', 7, 1, 365),
  FAILED_EVENT_RETENTION_DAYS: int('FAILED_EVENT_RETENTION_DAYS', 5, 1, 365),
  UNCONSENTED_RETENTION_DAYS: int('UNCONSENTED_RETENTION_DAYS', 30, 1, 3650),
  CLOSED_CASE_RETENTION_YEARS: int('CLOSED_CASE_RETENTION_YEARS', 5, 1, 100),
  RETENTION_TIME: clockTime('RETENTION_TIME', '03:15'),
  INBOUND_ATTEMPTS: int('INBOUND_ATTEMPTS', 8, 1, 100),
  INBOUND_WAITING_MAX: int('INBOUND_WAITING_MAX', 1000, 0, 1_000_000),
  DELIVERY_ATTEMPTS: int('DELIVERY_ATTEMPTS', 10, 1, 100),
  RETRY_BASE_DELAY_MS: int('RETRY_BASE_DELAY_MS', 1000, 10, 600_000),
  SWEEP_EVERY_MS: int('SWEEP_EVERY_MS', 30_000, 100, 3_600_000),
  INBOUND_SWEEP_MIN_AGE_MS: int('INBOUND_SWEEP_MIN_AGE_MS', 20_000, 0, 86_400_000),
  DELIVERY_SWEEP_MIN_AGE_MS: int('DELIVERY_SWEEP_MIN_AGE_MS', 60_000, 0, 86_400_000),
  MEDIA_MAX_BYTES: int('MEDIA_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  METRICS_TOKEN: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\S{24,}$/, { error: 'METRICS_TOKEN must be at least 24 characters without spaces (e.g. the output of `openssl rand -hex 32`), or unset' })
      .optional(),
  ),
  METRICS_PORT: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)),
    z
      .number({ error: 'METRICS_PORT must be a port number (1 to 65535), or unset' })
      .int({ error: 'METRICS_PORT must be a port number (1 to 65535), or unset' })
      .min(0, { error: 'METRICS_PORT must be a port number (1 to 65535), or unset' })
      .max(65535, { error: 'METRICS_PORT must be a port number (1 to 65535), or unset' })
      .optional(),
  ),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  ADMIN_USER_IDS: slackUserList('ADMIN_USER_IDS'),
  SETTINGS_REFRESH_SECONDS: int('SETTINGS_REFRESH_SECONDS', 5, 1, 3600),
  LINE_READ_RECEIPTS: flag('LINE_READ_RECEIPTS', true),
  LINE_QUOTA_CHECK_SECONDS: int('LINE_QUOTA_CHECK_SECONDS', 300, 1, 86_400),
});

export interface Config {
  slack: { botToken: string; signingSecret: string; apiUrl: string };
  line: {
    channelAccessToken: string;
    channelSecret: string;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
    /** Mark a person's messages read on LINE when staff act on them (LINE_READ_RECEIPTS). */
    readReceipts: boolean;
    /** How often the monthly message quota is read for the admins' warnings, at most (LINE_QUOTA_CHECK_SECONDS). */
    quotaCheckSeconds: number;
  };
  http: { port: number; host: string; bodyLimitBytes: number };
  database: { url: string | undefined; dataDir: string };
  queue: {
    redisUrl: string | undefined;
    prefix: string;
    concurrency: number;
    /** Attempts of an inbound event's job, and of a delivery's (thread post, LINE push, record card). */
    attempts: { inbound: number; delivery: number };
    /** Stored events a process keeps in memory to handle next, beyond `concurrency` being handled; more wait in the database. */
    inboundWaitingMax: number;
    /** First retry delay; each later one doubles (with jitter). */
    retryBaseDelayMs: number;
  };
  /** The in-process maintenance every replica runs: what is owed is re-derived from the database. */
  sweeps: { everyMs: number; inboundMinAgeMs: number; deliveryMinAgeMs: number };
  timeZone: string;
  staffLanguage: 'ja' | 'en';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unset: pretty when stdout is a terminal, JSON lines otherwise (see wiring/log-destination.ts). */
  logFormat: 'json' | 'pretty' | undefined;
  /** The public HTTPS address Slack and LINE call (PUBLIC_URL, no trailing slash); unset until the admin sets it. */
  publicUrl: string | undefined;
  shutdownTimeoutMs: number;
  apiTimeoutMs: number;
  relay: { channelPostIntervalMs: number; caseChoiceTtlMinutes: number; mediaMaxBytes: number };
  invites: {
    ttlHours: number;
    maxFailedPerHour: number;
    /** Key of the invite-code hashes; unset: a key generated once and kept in the database. */
    codeSecret: string | undefined;
    /** Case channels shared through Slack Connect: name the other organisations to the LINE person, or refuse linking. */
    sharedChannelLinking: 'name' | 'refuse';
  };
  reminders: {
    officeStart: ClockTime;
    closedDays: string[];
    leadTimes: {
      officeStart: ClockTime;
      visit: { dayBeforeAt: ClockTime; hoursBefore: number };
      monitoring: { daysBefore: number[] };
      milestone: { daysBefore: number[] };
      task: { daysBefore: number[] };
    };
    escalateAfterMinutes: number;
    escalationUserId: string | undefined;
    digestTime: ClockTime;
    reconcileEverySeconds: number;
  };
  retention: RetentionSettings;
  office: {
    /** When staff read messages (OFFICE_HOURS); public holidays and reminders.closedDays close the office too. */
    hours: OfficeHours;
  };
  urgent: {
    /** The office's own urgent expressions and emergency-guidance wording (JSON, read again when it changes); undefined: the defaults. */
    wordsFile: string | undefined;
    /** URGENT_ALERTS: false relays flagged messages like any other (no 🚨 block, DMs, escalation or emergency guidance). */
    alerts: boolean;
    /** Minutes after which an urgent message nobody took escalates (URGENT_ESCALATE_AFTER_MINUTES). */
    escalateAfterMinutes: number;
    /** Who is told on escalation besides ESCALATION_USER_ID (URGENT_ONCALL_USER_IDS). */
    oncallUserIds: string[];
  };
  afterHours: {
    /** A LINE person gets the out-of-hours answer at most once in this many hours (AFTER_HOURS_REPLY_PERIOD_HOURS); 0: never (the emergency guidance still goes). */
    replyPeriodHours: number;
  };
  /**
   * GET /metrics: on the main port only with `token` (asked as a bearer token; unset: 404 there), and
   * on a listener of its own at `host`:`port` when `port` is set (with the token too, when one is set).
   */
  metrics: { token: string | undefined; port: number | undefined; host: string };
  /** Slack users who may change the office's settings in the App Home besides the workspace's admins and owners (ADMIN_USER_IDS). */
  adminUserIds: string[];
  /** How often every replica looks for settings an admin changed in another replica (SETTINGS_REFRESH_SECONDS). */
  settingsRefreshSeconds: number;
  /**
   * The environment's texts of Tsunagi's own variables, as read (secrets included: never log this).
   * Settings an admin changed in the App Home are laid over them (`overlaySettings`).
   */
  environment: Readonly<Record<string, string>>;
}

/** How long what is stored is kept (see retention/). */
export interface RetentionSettings {
  /** Processed inbound events (the dedupe keys, payload already reduced) are deleted after this many days. */
  inboundDedupeDays: number;
  /** A failed inbound event keeps its payload this many days (for a retry), then it is reduced. */
  failedEventDays: number;
  /** Links never agreed to (waiting, declined) are deleted after this many days, with the names. */
  unconsentedDays: number;
  /** A closed case and everything of it is deleted this many years after it was closed. */
  closedCaseYears: number;
  /** When the daily retention job runs, in the office's time zone. */
  runAt: ClockTime;
}

export interface ClockTime {
  hour: number;
  minute: number;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(
      `Tsunagi cannot start: the configuration has ${problems.length} problem(s).\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet these variables in the environment or in a .env file (see .env.example).',
    );
    this.name = 'ConfigError';
  }
}

/** Validates `env` (default: process.env) and returns the configuration, or throws ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
  const withoutSlash = (u: string) => u.replace(/\/+$/, '');
  return {
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: withSlash(e.SLACK_API_URL) },
    line: {
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
      channelSecret: e.LINE_CHANNEL_SECRET,
      apiBaseUrl: withoutSlash(e.LINE_API_BASE_URL),
      dataApiBaseUrl: withoutSlash(e.LINE_DATA_API_BASE_URL),
      readReceipts: e.LINE_READ_RECEIPTS,
      quotaCheckSeconds: e.LINE_QUOTA_CHECK_SECONDS,
    },
    http: { port: e.PORT, host: e.HOST, bodyLimitBytes: e.WEBHOOK_BODY_LIMIT_BYTES },
    database: { url: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR) },
    queue: {
      redisUrl: e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      concurrency: e.WORKER_CONCURRENCY,
      attempts: { inbound: e.INBOUND_ATTEMPTS, delivery: e.DELIVERY_ATTEMPTS },
      inboundWaitingMax: e.INBOUND_WAITING_MAX,
      retryBaseDelayMs: e.RETRY_BASE_DELAY_MS,
    },
    sweeps: { everyMs: e.SWEEP_EVERY_MS, inboundMinAgeMs: e.INBOUND_SWEEP_MIN_AGE_MS, deliveryMinAgeMs: e.DELIVERY_SWEEP_MIN_AGE_MS },
    timeZone: e.TZ_NAME,
    staffLanguage: e.STAFF_LANGUAGE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    publicUrl: e.PUBLIC_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    apiTimeoutMs: e.API_TIMEOUT_MS,
    relay: { channelPostIntervalMs: e.SLACK_CHANNEL_POST_INTERVAL_MS, caseChoiceTtlMinutes: e.CASE_CHOICE_TTL_MINUTES, mediaMaxBytes: e.MEDIA_MAX_BYTES },
    invites: {
      ttlHours: e.INVITE_TTL_HOURS,
      maxFailedPerHour: e.INVITE_MAX_FAILED_PER_HOUR,
      codeSecret: e.INVITE_CODE_SECRET,
      sharedChannelLinking: e.SHARED_CHANNEL_LINKING,
    },
    reminders: {
      officeStart: e.OFFICE_START,
      closedDays: e.OFFICE_CLOSED_DAYS,
      leadTimes: {
        officeStart: e.OFFICE_START,
        visit: { dayBeforeAt: e.VISIT_REMINDER_DAY_BEFORE_AT, hoursBefore: e.VISIT_REMINDER_HOURS_BEFORE },
        monitoring: { daysBefore: e.MONITORING_REMINDER_DAYS_BEFORE },
        milestone: { daysBefore: e.MILESTONE_REMINDER_DAYS_BEFORE },
        task: { daysBefore: e.TASK_REMINDER_DAYS_BEFORE },
      },
      escalateAfterMinutes: e.REMINDER_ESCALATE_AFTER_MINUTES,
      escalationUserId: e.ESCALATION_USER_ID,
      digestTime: e.DIGEST_TIME,
      reconcileEverySeconds: e.REMINDER_RECONCILE_EVERY_SECONDS,
    },
    retention: {
      inboundDedupeDays: e.INBOUND_DEDUPE_DAYS,
      failedEventDays: e.FAILED_EVENT_RETENTION_DAYS,
      unconsentedDays: e.UNCONSENTED_RETENTION_DAYS,
      closedCaseYears: e.CLOSED_CASE_RETENTION_YEARS,
      runAt: e.RETENTION_TIME,
    },
    office: { hours: e.OFFICE_HOURS },
    urgent: {
      wordsFile: e.URGENT_WORDS_FILE === undefined ? undefined : path.resolve(e.URGENT_WORDS_FILE),
      alerts: e.URGENT_ALERTS === 'on',
      escalateAfterMinutes: e.URGENT_ESCALATE_AFTER_MINUTES,
      oncallUserIds: e.URGENT_ONCALL_USER_IDS,
    },
    afterHours: { replyPeriodHours: e.AFTER_HOURS_REPLY_PERIOD_HOURS },
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    adminUserIds: e.ADMIN_USER_IDS,
    settingsRefreshSeconds: e.SETTINGS_REFRESH_SECONDS,
    environment: environmentTexts(env),
  };
}

/** The texts of the variables Tsunagi reads (others in the environment are not its business). */
function environmentTexts(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => typeof env[key] === 'string')
      .map((key) => [key, env[key] as string]),
  );
}

/** A setting's value the configuration refuses, with the reason (the same words a wrong environment variable gets). */
export interface SettingProblem {
  setting: string;
  message: string;
}

/**
 * The configuration with settings stored in the database (by name: the environment variable's, the
 * value: its text) laid over the environment's, parsed and checked exactly as `loadConfig` checks the
 * environment, so that a stored value can never be one the environment would be refused for.
 */
export function overlaySettings(
  environment: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>>,
): { ok: true; config: Config } | { ok: false; problems: SettingProblem[] } {
  const merged = { ...environment, ...overrides };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const setting = String(issue.path[0] ?? '');
        return { setting, message: issue.message.includes(setting) ? issue.message : `${setting}: ${issue.message}` };
      }),
    };
  }
  return { ok: true, config: loadConfig(merged) };
}

/** Whether `name` is a variable Tsunagi reads. */
export function isSettingName(name: string): boolean {
  return Object.hasOwn(envSchema.shape, name);
}

/** For tools that need only the database (npm run db:migrate): DATABASE_URL and LOG_LEVEL, validated. */
export function loadDatabaseToolConfig(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string | undefined; logLevel: Config['logLevel'] } {
  const parsed = envSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return { databaseUrl: parsed.data.DATABASE_URL, logLevel: parsed.data.LOG_LEVEL };
}

// ---- operations tools (npm run doctor, manifest, line:webhook, backup, restore) ----------------

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => {
    const key = issue.path.join('.');
    return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
  });

/** A setting the doctor reads on its own: its value, or undefined when it is unset or invalid (the whole-configuration check names it). */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const doctorSchema = z.object({
  SLACK_BOT_TOKEN: lenient(envSchema.shape.SLACK_BOT_TOKEN),
  SLACK_API_URL: lenient(envSchema.shape.SLACK_API_URL),
  LINE_CHANNEL_ACCESS_TOKEN: lenient(envSchema.shape.LINE_CHANNEL_ACCESS_TOKEN),
  LINE_API_BASE_URL: lenient(envSchema.shape.LINE_API_BASE_URL),
  DATABASE_URL: lenient(envSchema.shape.DATABASE_URL),
  DATA_DIR: lenient(envSchema.shape.DATA_DIR),
  REDIS_URL: lenient(envSchema.shape.REDIS_URL),
  PUBLIC_URL: lenient(envSchema.shape.PUBLIC_URL),
  STAFF_LANGUAGE: envSchema.shape.STAFF_LANGUAGE.catch('ja'),
  API_TIMEOUT_MS: envSchema.shape.API_TIMEOUT_MS.catch(10_000),
});

export interface DoctorConfig {
  /** Every problem `npm start` would refuse to start with (empty: the configuration is valid). */
  problems: string[];
  language: Config['staffLanguage'];
  publicUrl: string | undefined;
  /** Each value is undefined when its setting is unset or invalid: the checks that need it are skipped. */
  slack: { botToken: string | undefined; apiUrl: string | undefined };
  line: { channelAccessToken: string | undefined; apiBaseUrl: string | undefined };
  database: { url: string | undefined; dataDir: string | undefined };
  redisUrl: string | undefined;
  apiTimeoutMs: number;
}

/**
 * `npm run doctor`: the whole configuration's problems (as `npm start` sees them) and, besides, every
 * setting a check needs on its own, so that one missing secret does not hide what else is wrong.
 */
export function loadDoctorConfig(env: NodeJS.ProcessEnv = process.env): DoctorConfig {
  let problems: string[] = [];
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  const e = doctorSchema.parse(env);
  const invalidDatabaseUrl = (env.DATABASE_URL ?? '').trim() !== '' && e.DATABASE_URL === undefined;
  return {
    problems,
    language: e.STAFF_LANGUAGE,
    publicUrl: e.PUBLIC_URL,
    slack: { botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`) },
    line: { channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN, apiBaseUrl: e.LINE_API_BASE_URL?.replace(/\/+$/, '') },
    // An invalid DATABASE_URL must not turn into "embedded": no data folder then, and no database to check.
    database: { url: e.DATABASE_URL, dataDir: invalidDatabaseUrl || !e.DATA_DIR ? undefined : path.resolve(e.DATA_DIR) },
    redisUrl: e.REDIS_URL,
    apiTimeoutMs: e.API_TIMEOUT_MS,
  };
}

/** `npm run manifest`: the public address (optional: without it the manifest carries a placeholder). */
export function loadManifestConfig(env: NodeJS.ProcessEnv = process.env): { publicUrl: string | undefined } {
  const parsed = envSchema.pick({ PUBLIC_URL: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  return { publicUrl: parsed.data.PUBLIC_URL };
}

export interface LineWebhookConfig {
  publicUrl: string | undefined;
  line: { channelAccessToken: string; apiBaseUrl: string };
  language: Config['staffLanguage'];
  apiTimeoutMs: number;
}

/** `npm run line:webhook`: the LINE token and API address, PUBLIC_URL (checked by the command, which says how to set it). */
export function loadLineWebhookConfig(env: NodeJS.ProcessEnv = process.env): LineWebhookConfig {
  const parsed = envSchema
    .pick({ LINE_CHANNEL_ACCESS_TOKEN: true, LINE_API_BASE_URL: true, PUBLIC_URL: true, STAFF_LANGUAGE: true, API_TIMEOUT_MS: true })
    .safeParse(env);
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  const e = parsed.data;
  return {
    publicUrl: e.PUBLIC_URL,
    line: { channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN, apiBaseUrl: e.LINE_API_BASE_URL.replace(/\/+$/, '') },
    language: e.STAFF_LANGUAGE,
    apiTimeoutMs: e.API_TIMEOUT_MS,
  };
}

export interface BackupToolConfig {
  database: { url: string | undefined; dataDir: string };
  queue: { redisUrl: string | undefined; prefix: string };
  language: Config['staffLanguage'];
  logLevel: Config['logLevel'];
}

/** `npm run backup` and `npm run restore`: where the database is (DATABASE_URL, or the embedded one under DATA_DIR) and the queue store. */
export function loadBackupToolConfig(env: NodeJS.ProcessEnv = process.env): BackupToolConfig {
  const parsed = envSchema
    .pick({ DATABASE_URL: true, DATA_DIR: true, REDIS_URL: true, QUEUE_PREFIX: true, STAFF_LANGUAGE: true, LOG_LEVEL: true })
    .safeParse(env);
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  const e = parsed.data;
  return {
    database: { url: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR) },
    queue: { redisUrl: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    language: e.STAFF_LANGUAGE,
    logLevel: e.LOG_LEVEL,
  };
}

// ---- npm run demo -------------------------------------------------------------------------------

/** The four secrets of real Slack and LINE accounts: the demo never runs with them. */
export const PLATFORM_SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET'] as const;

/** What the demo sets itself (its stand-ins' addresses and secrets, its own data folder, an internal port). */
const DEMO_OWNED = new Set<string>([
  ...PLATFORM_SECRETS,
  'PORT',
  'HOST',
  'DATA_DIR',
  'SLACK_API_URL',
  'LINE_API_BASE_URL',
  'LINE_DATA_API_BASE_URL',
  'PUBLIC_URL',
  // The demo serves no metrics: a METRICS_PORT meant for npm start would collide with it.
  'METRICS_PORT',
  'METRICS_TOKEN',
]);

export class DemoRefusedError extends Error {
  readonly code = 'demo_refused';
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefusedError';
  }
}

export interface DemoConfig {
  /** The page's port and address (default 3000 on 127.0.0.1: the sandbox is for this machine). */
  port: number;
  host: string;
  /** The demo's own folder: its embedded database, the stand-ins' state, logs. Never DATA_DIR. */
  demoDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  queuePrefix: string;
  logLevel: Config['logLevel'];
  /** The bot's other settings from the environment (time zone, language, lead times...): they apply in the demo too. */
  botEnv: Record<string, string>;
}

const demoSchema = z.object({
  PORT: int('PORT', 3000, 0, 65535),
  HOST: z.string().trim().default('127.0.0.1'),
  DEMO_DIR: z.string().trim().min(1).default('.demo'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  DATABASE_URL: optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
  QUEUE_PREFIX: envSchema.shape.QUEUE_PREFIX.unwrap().optional(),
  LOG_LEVEL: envSchema.shape.LOG_LEVEL,
});

/**
 * `npm run demo`: the bot with stand-ins of Slack and LINE. Refuses to start when real Slack or LINE
 * secrets are configured (the demo must never talk to, or be mistaken for, a real installation).
 */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const present = PLATFORM_SECRETS.filter((name) => (env[name] ?? '').trim() !== '');
  if (present.length > 0) {
    throw new DemoRefusedError(
      `npm run demo will not start: ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set (in the environment or in .env).\n` +
        'The demo runs Tsunagi against stand-ins of Slack and LINE on this machine and makes up its own secrets; it never uses\n' +
        'a real Slack app or LINE channel, so that nobody mistakes it for one and no message reaches a real person.\n' +
        'To try the demo: unset those variables (or move .env aside) and run npm run demo again.\n' +
        'To run the real bot with them: npm start.',
    );
  }
  const parsed = demoSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => (i.message.includes(String(i.path[0])) ? i.message : `${i.path.join('.')}: ${i.message}`)));
  const e = parsed.data;
  const demoDir = path.resolve(e.DEMO_DIR);
  if (demoDir === path.resolve(e.DATA_DIR)) {
    throw new ConfigError([`DEMO_DIR (${demoDir}) is the same folder as DATA_DIR: the demo keeps its data apart from npm start's. Choose another DEMO_DIR.`]);
  }
  const botEnv = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => !DEMO_OWNED.has(key) && typeof env[key] === 'string' && env[key] !== '')
      .map((key) => [key, env[key] as string]),
  );
  return {
    port: e.PORT,
    host: e.HOST,
    demoDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX ?? '{tsunagi-demo}',
    logLevel: e.LOG_LEVEL,
    botEnv,
  };
}
