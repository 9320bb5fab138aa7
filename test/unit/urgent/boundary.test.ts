import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * src/core/urgent and src/core/office are platform-free: they import only each other's files, src/lib,
 * zod, luxon and Node's own modules; office also reads the reminders' business-day calendar (one
 * calendar for the whole bot). No Slack, LINE, queue or database library, and no other part of src/.
 */
const ROOT = path.resolve('src');
const ALLOWED_PACKAGES = new Set(['zod', 'luxon']);
const ALLOWED_FILES: Record<string, string[]> = {
  urgent: [],
  office: [path.join(ROOT, 'reminders/rules/calendar.ts')],
};

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)].map((m) => m[1] as string);
}

describe('src/core/urgent and src/core/office import nothing platform-bound', () => {
  for (const folder of ['urgent', 'office'] as const) {
    it(`src/core/${folder}`, () => {
      const dir = path.join(ROOT, 'core', folder);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
      expect(files.length).toBeGreaterThan(1);
      const wrong: string[] = [];
      for (const name of files) {
        const file = path.join(dir, name);
        for (const spec of importsOf(file)) {
          if (spec.startsWith('node:')) continue;
          if (!spec.startsWith('.')) {
            if (!ALLOWED_PACKAGES.has(spec)) wrong.push(`${name}: ${spec}`);
            continue;
          }
          const target = path.resolve(dir, spec).replace(/\.js$/, '.ts');
          const inside = target.startsWith(dir + path.sep) || target.startsWith(path.join(ROOT, 'lib') + path.sep);
          if (!inside && !ALLOWED_FILES[folder]?.includes(target)) wrong.push(`${name}: ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
