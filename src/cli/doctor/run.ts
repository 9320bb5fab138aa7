import type { DoctorConfig } from '../../config/env.js';
import { fail, ok, skip, warn, type CheckLine, type Status } from './check.js';
import { checkDatabase } from './database.js';
import { checkDataDir } from './data-dir.js';
import { checkLine } from './line.js';
import { checkRedis } from './redis.js';
import { checkSlackChannels, checkSlackToken } from './slack.js';
import type { DoctorText } from './text.js';

/** Every check, in the order an administrator would fix things: configuration, Slack, LINE, database, queues, disk. */
export async function runDoctor(c: DoctorConfig, t: DoctorText): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  lines.push(
    c.problems.length === 0 ? ok(t.titles.config, t.config.ok) : fail(t.titles.config, t.config.problems(c.problems.length), t.config.fix(c.problems)),
  );
  if (!c.publicUrl) lines.push(warn(t.titles.publicUrl, t.publicUrl.unset, t.publicUrl.unsetFix));
  else if (!c.publicUrl.startsWith('https://')) lines.push(warn(t.titles.publicUrl, t.publicUrl.notHttps(c.publicUrl), t.publicUrl.notHttpsFix));
  else lines.push(ok(t.titles.publicUrl, t.publicUrl.ok(c.publicUrl)));

  const slack = await checkSlackToken(c, t);
  lines.push(...slack.lines);
  lines.push(...(await checkLine(c, t)));
  const database = await checkDatabase(c, t);
  lines.push(...database.lines);
  if (!slack.usable) lines.push(skip(t.titles.slackChannels, t.skippedBecause.slackToken));
  else if (database.channels === undefined) lines.push(skip(t.titles.slackChannels, t.skippedBecause.database));
  else lines.push(await checkSlackChannels(c, t, database.channels));
  lines.push(await checkRedis(c, t));
  const dataDir = await checkDataDir(c, t);
  if (dataDir) lines.push(dataDir);
  return lines;
}

const MARKS: Record<Status, string> = { ok: '✓', fail: '✗', warn: '⚠', skip: '–' };

/** The report as printed: one line per check, the fix indented under it, and a summary. */
export function formatReport(lines: CheckLine[], t: DoctorText): string {
  const out = [t.heading, ''];
  for (const line of lines) {
    out.push(`${MARKS[line.status]} ${line.title}: ${line.detail}`);
    if (line.fix) {
      const [first, ...rest] = line.fix.split('\n');
      out.push(`    ${t.fixLabel}: ${first}`, ...rest.map((l) => `      ${l}`));
    }
  }
  const failures = lines.filter((l) => l.status === 'fail').length;
  const warnings = lines.filter((l) => l.status === 'warn').length;
  out.push('', failures + warnings === 0 ? t.summaryOk : t.summary(failures, warnings));
  return `${out.join('\n')}\n`;
}
