// Benchmark suites. Each returns plain JSON figures; none asserts timings (the machine is noisy).
import { benchSandbox } from './sandbox.bench';
import { benchTaskSets } from './task-sets.bench';

export const suites = {
  sandbox: benchSandbox,
  'task-sets': benchTaskSets,
};
