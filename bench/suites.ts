// Benchmark suites. Each returns plain JSON figures; none asserts timings (the machine is noisy).
import { benchReports } from './reports.bench';
import { benchSandbox } from './sandbox.bench';
import { benchTaskSets } from './task-sets.bench';

export const suites = {
  sandbox: benchSandbox,
  'task-sets': benchTaskSets,
  kpi: async () => (await import('./kpi.bench')).benchKpi(),
  reports: benchReports,
  money: async () => (await import('./money.bench')).benchMoney(),
  connectors: async () => (await import('./connectors.bench')).benchConnectors(),
  panels: async () => (await import('./panels.bench')).benchPanels(),
  sales: async () => (await import('./sales.bench')).benchSales(),
  agency: async () => (await import('./agency.bench')).benchAgency(),
};
