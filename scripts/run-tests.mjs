// Runs test suites with Node's own test runner (through tsx for TypeScript).
// Usage: node scripts/run-tests.mjs unit contract integration | e2e
//   unit        src/**/*.test.ts and tests/unit/**/*.test.ts
//   contract    tests/contract/**/*.test.ts
//   integration tests/integration/**/*.test.ts
//   e2e         tests/e2e/**/*.test.ts (headless Chromium)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = { unit: ['src', 'tests/unit', 'sandbox'], contract: ['tests/contract'], integration: ['tests/integration'], e2e: ['tests/e2e'] };
const suites = process.argv.slice(2);
if (suites.length === 0 || suites.some((s) => !(s in roots))) {
  console.error(`usage: run-tests.mjs <${Object.keys(roots).join('|')}>...`);
  process.exit(2);
}

function walk(dir) {
  let out = [];
  let names = [];
  try { names = readdirSync(dir); } catch { return out; }
  for (const n of names) {
    if (n === 'node_modules') continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.test\.tsx?$/.test(n)) out.push(p);
  }
  return out;
}

const files = suites.flatMap((s) => roots[s].flatMap(walk)).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Integration and e2e suites start servers and worker pools: run files one at a time on our 2 cores.
const serial = suites.some((s) => s === 'integration' || s === 'e2e');
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${serial ? 1 : 2}`, ...files];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
process.exit(r.status ?? 1);
