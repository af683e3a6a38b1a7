// Builds the Custom UI (src/ui) into static/ui: index.html, main.js, main.css, icon.svg.
// One bundle for every module; the app routes on context.moduleKey. Output is CSP-safe for
// `script-src 'self'`: no inline scripts, relative URLs only (Forge serves resources from a CDN path).
// Usage: node scripts/build-ui.mjs [--dev]   (--dev: no minification, inline source maps)
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dev = process.argv.includes('--dev');
const outdir = 'static/ui';
const t0 = Date.now();

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: { main: 'src/ui/main.tsx' },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  jsx: 'automatic',
  legalComments: 'none',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
});

// The HTML shell: one stylesheet, one deferred script, nothing inline.
const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Retainer</title>
    <link rel="stylesheet" href="./main.css" />
    <script src="./main.js" defer></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;
writeFileSync(join(outdir, 'index.html'), html);

// The module icon the manifest points at (resource:ui;icon.svg). currentColor keeps it theme-neutral.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="4" width="18" height="17" rx="2"/><path d="M3 9h18M8 2v4M16 2v4M7 14h4M7 17h7"/></svg>
`;
writeFileSync(join(outdir, 'icon.svg'), icon);

const bytes = Object.entries(result.metafile.outputs)
  .map(([file, o]) => `${file.replace(`${outdir}/`, '')} ${(o.bytes / 1024).toFixed(0)} KiB`)
  .join(', ');
console.log(`custom UI: ${outdir} (${bytes}) in ${Date.now() - t0} ms`);
