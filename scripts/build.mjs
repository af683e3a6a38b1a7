// Builds the app: the backend bundle (dist/index.cjs, what the sandbox runtime loads — Forge's own
// bundler does the same from src/index.ts on deploy) and the Custom UI (static/ui).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const t0 = Date.now();
await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/index.cjs',
  sourcemap: 'inline',
  // The real @forge/* packages stay external: the sandbox provides their platform globals.
  external: ['@forge/*'],
  logLevel: 'warning',
});
console.log(`backend bundle: dist/index.cjs (${Date.now() - t0} ms)`);

if (existsSync('scripts/build-ui.mjs')) {
  const r = spawnSync(process.execPath, ['scripts/build-ui.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else {
  console.warn('scripts/build-ui.mjs not found: Custom UI not built');
}
