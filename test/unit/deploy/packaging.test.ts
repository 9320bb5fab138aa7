import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => fs.readFile(path.join(ROOT, file), 'utf8');

interface Compose {
  services: Record<
    string,
    {
      build?: string;
      command?: string[];
      environment?: Record<string, string>;
      env_file?: string;
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: { test: string[] };
      volumes?: string[];
      profiles?: string[];
      init?: boolean;
    }
  >;
  volumes: Record<string, unknown>;
}

/**
 * The packaging files say what the README promises (this machine has no Docker daemon to run them:
 * the production build itself is exercised in test/integration/production-build.test.ts).
 */
describe('packaging files', () => {
  it('compose.yaml: the bot on PostgreSQL and Redis (persistent, no eviction), waiting for both to be healthy, secrets from .env', async () => {
    const doc = parseDocument(await read('compose.yaml'), { uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    const compose = doc.toJS() as Compose;
    const bot = compose.services.tsunagi!;
    expect(bot.build).toBe('.');
    expect(bot.env_file).toBe('.env');
    expect(bot.init).toBe(true);
    expect(bot.environment?.DATABASE_URL).toMatch(/^postgres:\/\/tsunagi:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/tsunagi$/);
    expect(bot.environment?.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
    expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    const redis = compose.services.redis!;
    expect(redis.command?.join(' ')).toContain('--appendonly yes');
    expect(redis.command?.join(' ')).toContain('--maxmemory-policy noeviction');
    for (const name of ['postgres', 'redis']) expect(compose.services[name]!.healthcheck?.test.length, name).toBeGreaterThan(0);
    for (const name of ['tsunagi', 'postgres', 'redis']) {
      for (const volume of compose.services[name]!.volumes ?? []) expect(Object.keys(compose.volumes), volume).toContain(volume.split(':')[0]);
    }
    expect(compose.services.caddy?.profiles).toEqual(['https']);
  });

  it('Dockerfile: builds with tsc, runs node dist/main.js as a non-root user with production dependencies only and a health check on /readyz', async () => {
    const dockerfile = await read('Dockerfile');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^COPY drizzle \.\/drizzle$/m);
    expect(runtime).toMatch(/^USER tsunagi$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/readyz/m);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/main\.js"\]$/m);
    expect(runtime).not.toContain('tsx');
  });

  it('systemd: the compiled app as its own user, SIGTERM to it alone (it stops its PostgreSQL last), DATA_DIR as the state directory', async () => {
    const unit = await read('deploy/tsunagi.service');
    const settings = new Map(
      unit
        .split('\n')
        .filter((l) => /^[A-Za-z]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(settings.get('ExecStart')).toBe('/usr/bin/node --enable-source-maps dist/main.js');
    expect(settings.get('User')).toBe('tsunagi');
    expect(settings.get('KillMode')).toBe('mixed');
    expect(settings.get('KillSignal')).toBe('SIGTERM');
    expect(settings.get('StateDirectory')).toBe('tsunagi');
    expect(settings.get('Environment')).toContain('DATA_DIR=/var/lib/tsunagi');
    expect(settings.has('MemoryDenyWriteExecute')).toBe(false); // Node's JIT
  });
});
