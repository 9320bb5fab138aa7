// Types of tools/architecture.js (plain JavaScript so that ESLint loads it without a TypeScript loader).
export interface Part {
  name: string;
  paths: string[];
  what: string;
  imports: string[] | '*';
  packages: string[] | '*';
}
export const PARTS: Part[];
export const PLATFORM_PACKAGES: string[];
export function partOf(file: string): Part | undefined;
export function resolveRelative(fromFile: string, specifier: string): string;
export function importViolation(fromFile: string, specifier: string): string | undefined;
export function unitOf(file: string): string | undefined;
export function importsOf(source: string): string[];
export function unitCycles(files: Array<{ file: string; source: string }>): Array<{ units: string[]; steps: string[] }>;
export const eslintPlugin: { meta: { name: string }; rules: Record<string, unknown> };
