// Issue 10: the agency at scale. First a generated agency lives through a quarter twice, in two
// processes side by side: on a clean platform and under the flaky profile (429 with Retry-After,
// 5xx, killed invocations, duplicate scheduled fires and queue redeliveries, one connector token
// expiring until the admin renews it); the comparison of the two end states gives stateDiffItems,
// duplicates and lost. Then the 300-service agency lives through the same quarter alone (so nothing
// else competes for the cores while its GB-seconds are metered) and gives the cost figures.
// AGENCY_SERVICES (300), AGENCY_FAULT_SERVICES (10), AGENCY_DAYS (92) and AGENCY_PART
// (faults | cost | both) size the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULT_ARTIFACT, type QuarterSummary } from '../sandbox/scenarios/quarter';
import { compareStates, stateFromJson } from '../sandbox/scenarios/state';

function runQuarterProcess(args: string[], stateFile: string, label: string): Promise<QuarterSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', 'sandbox/cli.ts', 'quarter', ...args, '--state-out', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const faultServices = Number(process.env.AGENCY_FAULT_SERVICES ?? 10);
  const days = Number(process.env.AGENCY_DAYS ?? 92);
  const part = process.env.AGENCY_PART ?? 'both';
  const dir = mkdtempSync(join(tmpdir(), 'retainer-agency-'));
  const t0 = performance.now();
  const out: Record<string, unknown> = {};
  try {
    if (part !== 'cost') {
      const common = ['--services', String(faultServices), '--days', String(days), '--seed', '7'];
      const [clean, flaky] = await Promise.all([
        runQuarterProcess([...common, '--faults', 'clean'], join(dir, 'clean.json'), 'clean'),
        runQuarterProcess([...common, '--faults', 'flaky'], join(dir, 'flaky.json'), 'flaky'),
      ]);
      const a = stateFromJson(JSON.parse(readFileSync(join(dir, 'clean.json'), 'utf8')) as Parameters<typeof stateFromJson>[0]);
      const b = stateFromJson(JSON.parse(readFileSync(join(dir, 'flaky.json'), 'utf8')) as Parameters<typeof stateFromJson>[0]);
      const cmp = compareStates(a, b, (id) => FAULT_ARTIFACT.test(id));
      Object.assign(out, { stateDiffItems: cmp.stateDiffItems, duplicates: cmp.duplicates, lost: cmp.lost });
      out.faultRun = {
        services: flaky.services,
        simulatedDays: flaky.simulatedDays,
        stateDiffItems: cmp.stateDiffItems,
        duplicates: cmp.duplicates,
        lost: cmp.lost,
        itemsCompared: cmp.items,
        byCategory: cmp.byCategory,
        diffByCategory: cmp.diffByCategory,
        samples: cmp.samples,
        wallSeconds: { clean: clean.wallSeconds, flaky: flaky.wallSeconds },
        faultsInjected: flaky.faultsInjected,
        tokenRenewal: flaky.tokenRenewal,
        errors: flaky.errors,
        activity: flaky.activity,
      };
    }
    if (part !== 'faults') {
      const cost = await runQuarterProcess(['--services', String(services), '--days', String(days), '--seed', '7', '--faults', 'clean'], join(dir, 'cost.json'), 'cost');
      Object.assign(out, {
        services: cost.services,
        clients: cost.clients,
        simulatedDays: cost.simulatedDays,
        gbSecondsPerServicePerMonth: cost.gbSecondsPerServicePerMonth,
        atlassianCallsPerServicePerMonth: cost.atlassianCallsPerServicePerMonth,
        wallSeconds: cost.wallSeconds,
        cost,
      });
    }
    out.benchWallSeconds = Math.round((performance.now() - t0) / 100) / 10;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
