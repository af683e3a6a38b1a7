// Latency and fault profiles shared by every emulated HTTP service (Jira, Confluence, fake ad APIs).
// A profile is data; a FaultInjector turns it into deterministic decisions per request.
import { createRng, type Rng } from './rng';

export interface FaultProfile {
  name: string;
  /** Added to every response. */
  latencyMs: number;
  /** Share of requests answered 429 with Retry-After (and RateLimit-Reason for Atlassian). */
  rate429: number;
  /** Share of requests answered 503 (with Retry-After) or 500. */
  rate5xx: number;
  /** Seconds sent in Retry-After. Kept small: the sandbox's clients really wait that long. */
  retryAfterSeconds: number;
  /** Share of requests delayed by slowMs more. */
  slowRate: number;
  slowMs: number;
  /** Faults never hit the same request key twice in a row, so a client that retries always gets through. */
  neverTwiceInARow: boolean;
}

export const FAULT_PROFILES = {
  clean: { name: 'clean', latencyMs: 0, rate429: 0, rate5xx: 0, retryAfterSeconds: 1, slowRate: 0, slowMs: 0, neverTwiceInARow: true },
  latency100: { name: 'latency100', latencyMs: 100, rate429: 0, rate5xx: 0, retryAfterSeconds: 1, slowRate: 0, slowMs: 0, neverTwiceInARow: true },
  flaky: { name: 'flaky', latencyMs: 20, rate429: 0.08, rate5xx: 0.04, retryAfterSeconds: 1, slowRate: 0.05, slowMs: 400, neverTwiceInARow: true },
  flaky100: { name: 'flaky100', latencyMs: 100, rate429: 0.08, rate5xx: 0.04, retryAfterSeconds: 1, slowRate: 0.05, slowMs: 400, neverTwiceInARow: true },
  storm: { name: 'storm', latencyMs: 0, rate429: 0.3, rate5xx: 0.15, retryAfterSeconds: 1, slowRate: 0, slowMs: 0, neverTwiceInARow: true },
} as const satisfies Record<string, FaultProfile>;

export type FaultProfileName = keyof typeof FAULT_PROFILES;

export function isFaultProfileName(s: string): s is FaultProfileName {
  return Object.prototype.hasOwnProperty.call(FAULT_PROFILES, s);
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'rate-limit'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'unavailable'; delayMs: number; status: 500 | 503; retryAfterSeconds?: number };

/** Decides, per request, what fault (if any) to inject. Deterministic for a given seed and request order. */
export class FaultInjector {
  private profile: FaultProfile;
  private rng: Rng;
  private lastFaulted = new Set<string>();
  /** Forced faults for tests: the next N requests matching a predicate fail in the given way. */
  private forced: Array<{ match: (method: string, path: string) => boolean; decision: FaultDecision; remaining: number }> = [];
  readonly counts = { requests: 0, rateLimited: 0, unavailable: 0, slowed: 0 };

  constructor(profile: FaultProfile = FAULT_PROFILES.clean, seed: number | string = 1) {
    this.profile = profile;
    this.rng = createRng(seed);
  }

  setProfile(profile: FaultProfile, seed?: number | string): void {
    this.profile = profile;
    if (seed !== undefined) this.rng = createRng(seed);
    this.lastFaulted.clear();
  }

  get current(): FaultProfile {
    return this.profile;
  }

  /** Make the next `times` requests matching `match` fail with `decision` (tests use this for exact cases). */
  force(match: (method: string, path: string) => boolean, decision: FaultDecision, times = 1): void {
    this.forced.push({ match, decision, remaining: times });
  }

  decide(method: string, path: string): FaultDecision {
    this.counts.requests++;
    const forced = this.forced.find((f) => f.remaining > 0 && f.match(method, path));
    if (forced) {
      forced.remaining--;
      this.forced = this.forced.filter((f) => f.remaining > 0);
      this.count(forced.decision);
      return forced.decision;
    }
    const p = this.profile;
    let delayMs = p.latencyMs;
    if (p.slowRate > 0 && this.rng.chance(p.slowRate)) {
      delayMs += p.slowMs;
      this.counts.slowed++;
    }
    const key = `${method} ${path}`;
    const mayFault = !(p.neverTwiceInARow && this.lastFaulted.has(key));
    const roll = this.rng.next();
    let decision: FaultDecision = { kind: 'none', delayMs };
    if (mayFault && roll < p.rate429) {
      decision = { kind: 'rate-limit', delayMs, retryAfterSeconds: p.retryAfterSeconds };
    } else if (mayFault && roll < p.rate429 + p.rate5xx) {
      const status = this.rng.chance(0.75) ? 503 : 500;
      decision = status === 503
        ? { kind: 'unavailable', delayMs, status, retryAfterSeconds: p.retryAfterSeconds }
        : { kind: 'unavailable', delayMs, status };
    }
    if (decision.kind === 'none') this.lastFaulted.delete(key);
    else this.lastFaulted.add(key);
    this.count(decision);
    return decision;
  }

  private count(d: FaultDecision): void {
    if (d.kind === 'rate-limit') this.counts.rateLimited++;
    if (d.kind === 'unavailable') this.counts.unavailable++;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
