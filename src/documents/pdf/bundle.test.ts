// The Forge app ships as one esbuild CJS bundle (scripts/build.mjs): the renderer, pdf-lib, fontkit and
// the embedded fonts must work there exactly as under tsx (CJS/ESM interop of @pdf-lib/fontkit).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

test('should render a PDF from an esbuild CJS bundle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retainer-pdf-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    const src = resolve('src/documents');
    writeFileSync(entry, [
      `import { renderReportPdf } from ${JSON.stringify(join(src, 'pdf/render-report-pdf'))};`,
      `import { sampleReportModel } from ${JSON.stringify(join(src, 'testing/fixtures'))};`,
      'renderReportPdf(sampleReportModel("uk")).then((b) => console.log(JSON.stringify({ bytes: b.length, head: Buffer.from(b.subarray(0, 5)).toString() })));',
    ].join('\n'));
    const out = join(dir, 'bundle.cjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'error' });
    const r = spawnSync(process.execPath, [out], { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { bytes: number; head: string };
    assert.equal(result.head, '%PDF-');
    assert.ok(result.bytes > 10_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
