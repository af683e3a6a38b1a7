// Issue 10: the agency at scale. The same generated agency (300 services) lives through the same
// quarter twice, in two processes side by side: once on a clean platform, once under the flaky
// profile (429 with Retry-After, 5xx, killed invocations, duplicate scheduled fires and queue
// redeliveries, one connector token expiring until the admin renews it). The clean run gives the
// cost figures; the comparison of the two end states gives stateDiffItems, duplicates and lost.
// AGENCY_SERVICES and AGENCY_DAYS shrink the run for a quick look.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULT_ARTIFACT, type QuarterSummary } from '../sandbox/scenarios/quarter';
import { compareStates, stateFromJson } from '../sandbox/scenarios/state';

function runQuarterProcess(args: string[], stateFile: string, label: string): Promise<QuarterSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'quarter', ...args, '--state-out', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${label} run exited with ${code}`));
      try {
        resolve(JSON.parse(last) as QuarterSummary);
      } catch {
        reject(new Error(`${label} run printed no summary`));
      }
    });
  });
}

export async function benchAgency(): Promise<Record<string, unknown>> {
  const services = Number(process.env.AGENCY_SERVICES ?? 300);
  const days = Number(process.env.AGENCY_DAYS ?? 92);
  const dir = mkdtempSync(join(tmpdir(), 'retainer-agency-'));
  const t0 = performance.now();
  try {
    const common = ['--services', String(services), '--days', String(days), '--seed', '7'];
    const [clean, flaky] = await Promise.all([
      runQuarterProcess([...common, '--faults', 'clean'], join(dir, 'clean.json'), 'clean'),
      runQuarterProcess([...common, '--faults', 'flaky'], join(dir, 'flaky.json'), 'flaky'),
    ]);
    const a = stateFromJson(JSON.parse(readFileSync(join(dir, 'clean.json'), 'utf8')) as Parameters<typeof stateFromJson>[0]);
    const b = stateFromJson(JSON.parse(readFileSync(join(dir, 'flaky.json'), 'utf8')) as Parameters<typeof stateFromJson>[0]);
    const cmp = compareStates(a, b, (id) => FAULT_ARTIFACT.test(id));
    return {
      services: clean.services,
      clients: clean.clients,
      simulatedDays: clean.simulatedDays,
      gbSecondsPerServicePerMonth: clean.gbSecondsPerServicePerMonth,
      atlassianCallsPerServicePerMonth: clean.atlassianCallsPerServicePerMonth,
      wallSeconds: clean.wallSeconds,
      faultRun: {
        stateDiffItems: cmp.stateDiffItems,
        duplicates: cmp.duplicates,
        lost: cmp.lost,
        itemsCompared: cmp.items,
        byCategory: cmp.byCategory,
        samples: cmp.samples,
        wallSeconds: flaky.wallSeconds,
        faultsInjected: flaky.faultsInjected,
        tokenRenewal: flaky.tokenRenewal,
        errors: flaky.errors,
        gbSecondsPerServicePerMonth: flaky.gbSecondsPerServicePerMonth,
        atlassianCallsPerServicePerMonth: flaky.atlassianCallsPerServicePerMonth,
      },
      stateDiffItems: cmp.stateDiffItems,
      duplicates: cmp.duplicates,
      lost: cmp.lost,
      clean,
      benchWallSeconds: Math.round((performance.now() - t0) / 100) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
