// Suite "sandbox": the platform's own overhead — per resolver invocation and per KVS operation.
import { performance } from 'node:perf_hooks';
import { Sandbox } from '../sandbox/platform';
import { benchKvs } from '../sandbox/kvs/bench';
import { buildFixtureApp } from '../tests/helpers/fixture-app';

export async function benchSandbox(): Promise<Record<string, number>> {
  const appRoot = await buildFixtureApp('mini-app');
  const sb = await Sandbox.start({ appRoot, poolSize: 2 });
  try {
    const call = (key: string, payload: unknown) => sb.invokeResolver('mini-page', key, payload, { accountId: 'bench-user' });
    for (let i = 0; i < 50; i++) await call('echo', { i }); // warm the workers
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await call('echo', { i });
    const resolverRoundTripMicros = ((performance.now() - t0) * 1000) / n;
    const handlerMicros = (sb.runtime.records.slice(-n).reduce((a, r) => a + r.wallMs, 0) * 1000) / n;
    const loop = await call('kvsLoop', { n: 1000 });
    const kvsThroughForgeClientMicros = (loop.value as { micros: number }).micros;
    const raw = await benchKvs(20_000);
    return {
      resolverInvocations: n,
      resolverRoundTripMicros: Math.round(resolverRoundTripMicros),
      resolverOverheadMicros: Math.round(resolverRoundTripMicros - handlerMicros),
      kvsOpMicrosViaForgeClient: Math.round(kvsThroughForgeClientMicros),
      kvsEmulatorSetMicros: Math.round(raw.setMicros * 10) / 10,
      kvsEmulatorGetMicros: Math.round(raw.getMicros * 10) / 10,
      kvsEmulatorQueryMicros: Math.round(raw.queryMicros * 10) / 10,
    };
  } finally {
    await sb.close();
  }
}
