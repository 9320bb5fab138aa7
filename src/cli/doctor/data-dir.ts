import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DoctorConfig } from '../../config/env.js';
import { errorMessage } from '../../lib/errors.js';
import { fail, formatBytes, ok, skip, warn, type CheckLine } from './check.js';
import type { DoctorText } from './text.js';

/** Below this much free space the embedded database is about to stop. */
const FAIL_BELOW_BYTES = 512 * 1024 ** 2;
/** Below this much, warn: backups and a busy month fill it. */
const WARN_BELOW_BYTES = 2 * 1024 ** 3;

/** Embedded mode only: DATA_DIR (the database and its backups) can be written to and has room. */
export async function checkDataDir(c: DoctorConfig, t: DoctorText): Promise<CheckLine | undefined> {
  if (c.database.url) return undefined; // the database is elsewhere
  const title = t.titles.dataDir;
  const dir = c.database.dataDir;
  if (!dir) return skip(title, t.skippedBecause.config);
  const exists = await fs.stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  // Not there yet: the first start creates it in the nearest folder that exists.
  let probeDir = dir;
  // A folder stat cannot read is taken as missing: the probe moves up to its parent, and the write below says what is wrong.
  const isThere = (p: string) =>
    fs.stat(p).then(
      () => true,
      () => false,
    );
  while (!exists && !(await isThere(probeDir))) probeDir = path.dirname(probeDir);
  try {
    const probe = path.join(probeDir, `.tsunagi-doctor-${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '', { mode: 0o600 });
    await fs.unlink(probe);
  } catch (error) {
    return fail(title, t.dataDir.notWritable(probeDir, (error as NodeJS.ErrnoException).code ?? errorMessage(error)), t.dataDir.notWritableFix(probeDir));
  }
  const stats = await fs.statfs(probeDir);
  const free = stats.bavail * stats.bsize;
  if (free < FAIL_BELOW_BYTES) return fail(title, t.dataDir.noSpace(dir, formatBytes(free)), t.dataDir.lowSpaceFix);
  if (free < WARN_BELOW_BYTES) return warn(title, t.dataDir.lowSpace(dir, formatBytes(free)), t.dataDir.lowSpaceFix);
  return ok(title, exists ? t.dataDir.ok(dir, formatBytes(free)) : t.dataDir.notYet(dir));
}
