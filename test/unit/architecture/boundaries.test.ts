import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importsOf, importViolation, PARTS, unitCycles } from '../../../tools/architecture.js';

/**
 * The layers of ARCHITECTURE.md hold over the whole tree: the core imports no platform, queue or
 * database library and no adapter; adapters do not import each other; no import cycle between
 * folders. Each check is also shown to fail on a planted violation, so it cannot pass by accident.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sourcesUnder(dir: string): Array<{ file: string; source: string }> {
  const out: Array<{ file: string; source: string }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = `${d}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name)) out.push({ file: rel, source: fs.readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  };
  walk(dir);
  return out;
}

const violations = (files: Array<{ file: string; source: string }>) =>
  files.flatMap(({ file, source }) => importsOf(source).flatMap((specifier) => importViolation(file, specifier) ?? []));

describe('architecture', () => {
  const tree = sourcesUnder('src');

  it('every file of src/ belongs to a part of the architecture', () => {
    const homeless = tree.filter(
      ({ file }) => !PARTS.some((p) => p.paths.some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))),
    );
    expect(homeless.map((f) => f.file)).toEqual([]);
  });

  it('every import follows the layers (the core imports no platform, queue or database library, nor an adapter)', () => {
    expect(violations(tree)).toEqual([]);
  });

  it('no import cycle between folders', () => {
    expect(unitCycles(tree)).toEqual([]);
  });

  it('a planted violation fails each check: a core file importing Slack, drizzle or an adapter; a cycle', () => {
    const planted = [
      {
        file: 'src/core/cases/planted.ts',
        source: "import { App } from '@slack/bolt';\nimport { eq } from 'drizzle-orm';\nimport { x } from '../../line/x.js';\n",
      },
      { file: 'src/core/linking/a.ts', source: "import { b } from '../records/b.js';\n" },
      { file: 'src/core/records/b.ts', source: "import { a } from '../linking/a.js';\n" },
    ];
    const found = violations(planted);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/@slack\/bolt.*platform/);
    expect(found.join('\n')).toMatch(/drizzle-orm/);
    expect(found.join('\n')).toMatch(/may not import line/);
    expect(unitCycles(planted).map((c) => c.units)).toEqual([['core/linking', 'core/records']]);
  });

  it('ESLint refuses the same planted violation as it is written', async () => {
    // The planted file exists only in this test: the type-aware parser is told to accept it.
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['src/core/planted.ts'] } } } },
    });
    const [result] = await eslint.lintText("import { App } from '@slack/bolt';\nexport const app: App | undefined = undefined;\n", {
      filePath: path.join(ROOT, 'src/core/planted.ts'),
    });
    const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'architecture/layers');
    expect(messages.map((m) => m.message).join('\n')).toMatch(/core .* may not import the package @slack\/bolt/);
  }, 60_000);
});
