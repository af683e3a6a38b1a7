// Scheduled triggers on the virtual clock. Like production: a stable per-installation offset in the
// interval (no cron, no time zone), possible duplicate fires (a fault), errors not retried.
import type { VirtualClock } from '../core/clock';
import { createRng, type Rng } from '../core/rng';

export type Interval = 'fiveMinute' | 'hour' | 'day' | 'week';

export const INTERVAL_MS: Record<Interval, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

export interface ScheduledTriggerDef {
  key: string;
  function: string;
  interval: Interval;
}

export interface SchedulerOptions {
  triggers: ScheduledTriggerDef[];
  clock: VirtualClock;
  fire: (trigger: ScheduledTriggerDef) => Promise<void>;
  /** Runs between fires (the queue drain); gets the virtual time of the next fire. */
  settle: (until: number) => Promise<void>;
  /** This installation's offset inside each interval; production spreads installations evenly. */
  offsetMs?: number;
}

export class Scheduler {
  private nextAt = new Map<string, number>();
  private duplicateRate = 0;
  private rng: Rng = createRng(11);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  readonly fires: Array<{ key: string; at: string; duplicate: boolean }> = [];

  constructor(private readonly opts: SchedulerOptions) {
    const now = opts.clock.now();
    for (const t of opts.triggers) this.nextAt.set(t.key, this.firstFireAfter(t.interval, now));
  }

  setDuplicateFireRate(rate: number, seed: number | string = 11): void {
    this.duplicateRate = rate;
    this.rng = createRng(seed);
  }

  /** Runs every fire due up to `target` in time order, settling the queue in between. */
  async runUntil(target: Date | number): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      const next = this.nextFire();
      if (!next || next.at > end) break;
      this.opts.clock.advanceTo(next.at);
      await this.fireOnce(next.trigger);
      this.nextAt.set(next.trigger.key, next.at + INTERVAL_MS[next.trigger.interval]);
      const following = this.nextFire();
      await this.opts.settle(Math.min(following?.at ?? end, end));
    }
    this.opts.clock.advanceTo(end);
    await this.opts.settle(end);
  }

  /** Wall-clock mode: checks every second whether a trigger is due. */
  startWallClock(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => {
        const now = this.opts.clock.now();
        for (;;) {
          const next = this.nextFire();
          if (!next || next.at > now) break;
          this.nextAt.set(next.trigger.key, next.at + INTERVAL_MS[next.trigger.interval]);
          await this.fireOnce(next.trigger);
        }
      });
    }, 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  nextFireTimes(): Record<string, string> {
    return Object.fromEntries([...this.nextAt].map(([k, v]) => [k, new Date(v).toISOString()]));
  }

  private async fireOnce(t: ScheduledTriggerDef): Promise<void> {
    this.fires.push({ key: t.key, at: this.opts.clock.date().toISOString(), duplicate: false });
    await this.opts.fire(t);
    if (this.duplicateRate > 0 && this.rng.chance(this.duplicateRate)) {
      this.fires.push({ key: t.key, at: this.opts.clock.date().toISOString(), duplicate: true });
      await this.opts.fire(t);
    }
  }

  private nextFire(): { trigger: ScheduledTriggerDef; at: number } | undefined {
    let best: { trigger: ScheduledTriggerDef; at: number } | undefined;
    for (const t of this.opts.triggers) {
      const at = this.nextAt.get(t.key);
      if (at !== undefined && (!best || at < best.at)) best = { trigger: t, at };
    }
    return best;
  }

  private firstFireAfter(interval: Interval, now: number): number {
    const len = INTERVAL_MS[interval];
    const offset = (this.opts.offsetMs ?? 70 * 60_000) % len;
    const base = Math.floor((now - offset) / len) * len + offset;
    return base >= now ? base : base + len;
  }
}
