import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../src/paths.js';

/** The console must stay light on a provincial office's connection: all of its JavaScript, gzip. */
export const CONSOLE_JS_BUDGET_BYTES = 200 * 1024;

/**
 * zod's namespace re-exports every locale (`z.locales`), which no bundler can drop: ~400 KB of error messages in
 * 40 languages. The console never reads them (its messages are Vietnamese, from content-words.ts; zod keeps its
 * English default through `en`, imported separately), so the bundle gets an empty `locales` namespace instead.
 */
const dropZodLocales: Plugin = {
  name: 'drop-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export interface ConsoleBuild {
  outDir: string;
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/**
 * Bundles the admin console (src/admin/console, Preact + signals) into static files the app serves:
 * index.html, console.js, console.css. Fails when the JavaScript exceeds its gzip budget.
 */
export async function buildConsole(outDir = join(projectRoot(), 'dist', 'console')): Promise<ConsoleBuild> {
  const src = join(projectRoot(), 'src', 'admin', 'console');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(src, 'main.tsx')],
    outfile: join(outDir, 'console.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(src, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [dropZodLocales],
  });
  await copyFile(join(src, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(src, 'console.css'), join(outDir, 'console.css'));
  const js = await readFile(join(outDir, 'console.js'));
  const css = await readFile(join(outDir, 'console.css'));
  const result = { outDir, jsBytes: js.length, jsGzipBytes: gzipSync(js, { level: 9 }).length, cssGzipBytes: gzipSync(css, { level: 9 }).length };
  if (result.jsGzipBytes > CONSOLE_JS_BUDGET_BYTES) {
    throw new Error(`console.js is ${kb(result.jsGzipBytes)} gzip, over the ${kb(CONSOLE_JS_BUDGET_BYTES)} budget`);
  }
  return result;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  buildConsole()
    .then((r) => {
      console.log(`console: ${kb(r.jsBytes)} JS (${kb(r.jsGzipBytes)} gzip of a ${kb(CONSOLE_JS_BUDGET_BYTES)} budget), ${kb(r.cssGzipBytes)} CSS gzip, built in ${Date.now() - started} ms → ${r.outDir}`);
    })
    .catch((err: Error) => {
      console.error(`console build failed: ${err.message}`);
      process.exit(1);
    });
}
