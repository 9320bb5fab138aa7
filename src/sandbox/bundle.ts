import { build } from 'esbuild';

export interface PageBundle {
  js: Buffer;
  css: Buffer;
}

export const WEB_ENTRY = new URL('./web/main.tsx', import.meta.url);

/** The page: Preact and the sandbox's components bundled by esbuild in memory (about a second). */
export async function buildPage(): Promise<PageBundle> {
  const result = await build({
    entryPoints: [WEB_ENTRY.pathname],
    bundle: true,
    write: false,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: false,
    outdir: 'out',
    logLevel: 'silent',
    legalComments: 'none',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) throw new Error('the page bundle has no JavaScript');
  return { js: Buffer.from(js.contents), css: Buffer.from(css?.contents ?? new Uint8Array()) };
}
