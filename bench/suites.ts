// Benchmark suites. Each returns plain JSON figures; none asserts timings (the machine is noisy).
import { benchSandbox } from './sandbox.bench';

export const suites = {
  sandbox: benchSandbox,
};
