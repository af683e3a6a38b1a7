// The sandbox's command line.
//   demo  [--scenario FILE] [--faults PROFILE] [--port N] [--no-serve] [--egress HOST=URL]...
//         fresh data, loads the scenario, simulates its period, prints a summary and serves the UI.
//   quarter --services N [--days D] [--faults PROFILE] [--state-out FILE]
//         a generated agency of N services lives through a quarter (issue 10); prints the run's
//         summary as JSON on the last line, and writes its end state to FILE for comparing runs.
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isFaultProfileName } from './core/faults';
import { Sandbox } from './platform';
import { applyScenario, simulatePeriod } from './scenarios/runner';
import { loadScenario, type Scenario } from './scenarios/scenario';
import { startUiHost } from './ui-host';
import { sandboxUiDeps } from './ui-deps';
import { postDemoLeads } from './scenarios/leads';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 'sandbox/scenarios/demo-agency.yml' },
    faults: { type: 'string', default: 'clean' },
    port: { type: 'string', default: '4400' },
    'data-dir': { type: 'string', default: '.sandbox-data/demo' },
    serve: { type: 'boolean', default: true },
    'no-serve': { type: 'boolean', default: false },
    egress: { type: 'string', multiple: true, default: [] },
    keep: { type: 'boolean', default: false },
    services: { type: 'string', default: '300' },
    days: { type: 'string', default: '92' },
    seed: { type: 'string', default: '1' },
    'state-out': { type: 'string' },
  },
});

const command = positionals[0] ?? 'demo';
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function egressOverrides(list: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i <= 0) throw new Error(`--egress expects HOST=URL, got "${item}"`);
    map[item.slice(0, i)] = item.slice(i + 1);
  }
  return map;
}

async function serveUi(sb: Sandbox, scenario: Scenario | null, port: number): Promise<string> {
  const personas = [
    ...(scenario?.users ?? []).map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })),
    { accountId: null, displayName: 'Anonymous', role: 'anonymous' },
  ];
  const host = await startUiHost(sandboxUiDeps(sb, personas), { port });
  return host.url;
}

async function main(): Promise<void> {
  const port = Number(values.port);
  const dataDir = resolve(values['data-dir'] as string);
  const faults = values.faults as string;
  if (!isFaultProfileName(faults)) throw new Error(`Unknown fault profile "${faults}"`);
  const serve = (values.serve as boolean) && !(values['no-serve'] as boolean);

  if (command === 'demo') {
    const scenario = loadScenario(resolve(values.scenario as string));
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
    out(`Retainer sandbox — ${scenario.name}`);
    out(`  virtual time ${scenario.start.toISOString().slice(0, 10)} → ${scenario.end.toISOString().slice(0, 10)}, faults: ${faults}`);
    const t0 = Date.now();
    const sb = await Sandbox.start({ start: scenario.start, dataDir, faults, egressOverrides: egressOverrides(values.egress as string[]) });
    out('Setting up the agency through the app (settings, clients, services, Jira projects, Confluence spaces)…');
    const applied = await applyScenario(sb, scenario, out);
    out(`  ${applied.clients} clients, ${applied.services} services${applied.setupFailures.length ? `; setup failures: ${applied.setupFailures.join('; ')}` : ''}`);
    out('Simulating the period (daily planner, queue consumers, people logging time)…');
    const sim = await simulatePeriod(sb, scenario, out);
    const admin = scenario.users.find((u) => u.role === 'admin');
    const leads = admin ? await postDemoLeads(sb, admin.accountId) : 0;
    const m = sb.meter();
    const jiraIssues = sb.site.jira.issueCount?.() ?? 0;
    out('');
    out(`Simulated ${sim.days} days in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${sim.worklogs} worklogs, ${sim.closed} tasks closed, ${jiraIssues} Jira issues, ${leads} website leads`);
    out(`Invocations: ${m.invocations}, GB-seconds: ${m.gbSeconds}, KVS ops: ${m.kvsOps}, app product calls: ${JSON.stringify(m.productCalls)}, spec violations: ${m.specViolations}`);
    if (serve) {
      const url = await serveUi(sb, scenario, port);
      sb.startLive();
      out('');
      out(`Open ${url}/ — pick a persona at the top right.`);
      out(`  Admin page:   ${url}/jira/settings/apps/retainer-admin-page   (as Olena Admin)`);
      out(`  Global page:  ${url}/jira/apps/retainer-global-page          (as a manager or the head)`);
      out(`  Meter (JSON): ${sb.platformUrl}/__sandbox/meter`);
      out('Press Ctrl+C to stop.');
      const stop = async (): Promise<void> => {
        await sb.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    } else {
      await sb.close();
    }
    return;
  }
  if (command === 'quarter') {
    const { runQuarter } = await import('./scenarios/quarter');
    const { stateToJson } = await import('./scenarios/state');
    const r = await runQuarter({
      services: Number(values.services),
      days: Number(values.days),
      seed: Number(values.seed),
      faults: faults === 'clean' ? undefined : faults,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const file = values['state-out'] as string | undefined;
    if (file) writeFileSync(file, JSON.stringify(stateToJson(r.state)));
    out(JSON.stringify(r.summary));
    return;
  }
  throw new Error(`Unknown command "${command}" (use demo or quarter)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
