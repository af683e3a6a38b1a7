// The fake outside APIs: one loopback server, each host under `${baseUrl}/<host>`.
//   const fakes = await startFakeApis({ seed: 1, faults, log });
//   fakes.routes['api.direct.yandex.com'] === `${fakes.baseUrl}/api.direct.yandex.com`
import type { Server } from 'node:http';
import type { FaultInjector } from '../core/faults';
import type { RequestLog } from '../core/request-log';
import { ga4Fake } from './ga4';
import { googleAdsFake } from './google-ads';
import { metaFake } from './meta';
import { googleOAuth, yandexOAuth } from './oauth';
import { yandexDirectFake, yandexDirectLive4Fake } from './yandex-direct';
import { yandexMetricaFake } from './yandex-metrica';
import { searchConsoleFake } from './search-console';
import { topvisorFake } from './topvisor';
import { yandexWebmasterFake } from './yandex-webmaster';
import { startFakeServer, type FakeService } from './server';
import { FAKE_SOURCES, FakeState, type FakeAccount, type FakeAccountInput, type FakeSource } from './state';

export type { FakeAccount, FakeAccountInput, FakeCampaign, FakeSource } from './state';
export { FAKE_SOURCES } from './state';

const SERVICES: FakeService[] = [googleAdsFake, ga4Fake, googleOAuth, yandexDirectFake, yandexDirectLive4Fake, yandexMetricaFake, yandexOAuth, searchConsoleFake, metaFake, topvisorFake, yandexWebmasterFake];

/** Every host the connectors call, OAuth hosts included (the manifest's egress list must cover these). */
export const FAKE_API_HOSTS: string[] = SERVICES.flatMap((s) => [...s.hosts]);

export interface FakeApisControl {
  /** Adds or replaces an account (unregistered ids get default accounts on first use). */
  registerAccount(input: FakeAccountInput): FakeAccount;
  account(source: FakeSource, id: string): FakeAccount | undefined;
  /** The access token now answers with the source's "token expired" error. */
  expireToken(token: string): void;
  /** The token (access or refresh) now answers "revoked" / `invalid_grant`. */
  revokeToken(token: string): void;
  /** The next `times` calls to `source` get its quota error (`short-term` by default). */
  forceQuotaError(source: FakeSource, opts?: { times?: number; scope?: 'short-term' | 'long-term' }): void;
  /** Requests answered, per service (`google-ads`, …, `google-oauth`, `yandex-oauth`). */
  callCounts(): Record<string, number>;
  calls(service: string): number;
  /** Seconds sent in Yandex `retryIn` and used for Meta async runs (default 1). */
  setRetryIn(seconds: number): void;
  /** Pins the fakes' "today" (YYYY-MM-DD); null = the clock's date in each account's zone. */
  setToday(date: string | null): void;
  /** Forgets accounts, token verdicts, forced errors, counters and job progress. */
  reset(): void;
}

export interface FakeApisOptions {
  port?: number;
  seed?: number;
  faults?: FaultInjector;
  log?: RequestLog;
  /** Epoch ms for "today" (the sandbox passes its virtual clock). */
  now?: () => number;
}

export interface FakeApis {
  baseUrl: string;
  routes: Record<string, string>;
  control: FakeApisControl;
  log?: RequestLog;
  close(): Promise<void>;
}

export async function startFakeApis(opts: FakeApisOptions = {}): Promise<FakeApis> {
  const state = new FakeState(opts.now);
  const { server, baseUrl } = await startFakeServer({ port: opts.port, services: SERVICES, ctx: { state, seed: opts.seed ?? 1 }, faults: opts.faults, log: opts.log });
  const routes: Record<string, string> = {};
  for (const h of FAKE_API_HOSTS) routes[h] = `${baseUrl}/${h}`;
  const control: FakeApisControl = {
    registerAccount: (input) => state.register(input),
    account: (source, id) => state.find(source, id),
    expireToken: (t) => state.expire(t),
    revokeToken: (t) => state.revoke(t),
    forceQuotaError: (source, o = {}) => state.forceQuota(source, o.scope ?? 'short-term', o.times ?? 1),
    callCounts: () => ({ ...state.callCounts }),
    calls: (service) => state.callCounts[service] ?? 0,
    setRetryIn: (s) => {
      state.retryInSeconds = s;
    },
    setToday: (d) => state.setToday(d),
    reset: () => state.reset(),
  };
  return {
    baseUrl,
    routes,
    control,
    ...(opts.log ? { log: opts.log } : {}),
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export const isFakeSource = (s: string): s is FakeSource => (FAKE_SOURCES as readonly string[]).includes(s);
