// Forge async events: at-least-once delivery to the consumer of each queue, delayInSeconds,
// retries with back-off for thrown errors and timeouts, InvocationError retry hints, job stats,
// a 24 h retention window, per-key concurrency, and (as a fault) duplicate delivery.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { VirtualClock } from '../core/clock';
import { createRng, type Rng } from '../core/rng';
import type { EmulatorResponse } from '../core/types';

const PushEvent = z.object({
  body: z.record(z.string(), z.unknown()),
  delayInSeconds: z.number().min(0).max(900).optional(),
  concurrency: z.object({ key: z.string(), limit: z.number().int().min(1) }).optional(),
});

const PushRequest = z.object({
  queueName: z.string().regex(/^[a-zA-Z0-9-_]+$/).max(36),
  jobId: z.string().min(1),
  type: z.literal('avi:forge:app:event'),
  schema: z.string(),
  payload: z.array(PushEvent),
  time: z.string(),
});

const JobRequest = z.object({ queueName: z.string(), jobId: z.string(), time: z.string().optional() });

export const RETENTION_MS = 24 * 3600 * 1000;
const MAX_EVENTS = 50;
const MAX_PUSH_BYTES = 200 * 1024;
const MAX_EVENT_BYTES_LONG_FUNCTION = 100 * 1024;

export interface QueuedEvent {
  eventId: string;
  jobId: string;
  queueName: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  notBefore: number;
  enqueuedAt: number;
  retryCount: number;
  retryReason?: string;
  retryData?: unknown;
  /** Set on a redelivery injected by the duplicate-delivery fault. */
  duplicate?: boolean;
}

/** What the consumer did with one delivery. */
export type DeliveryOutcome =
  | { kind: 'ok' }
  | { kind: 'retry'; retryAfterSeconds: number; retryReason: string; retryData?: unknown }
  | { kind: 'error'; message: string };

export type Deliver = (consumerFunction: string, queueName: string, event: Record<string, unknown>) => Promise<DeliveryOutcome>;

export interface QueueFaults {
  /** Share of successful deliveries that are delivered a second time. */
  duplicateDeliveryRate: number;
  seed?: number | string;
}

export interface EventQueueOptions {
  consumers: Array<{ queue: string; function: string; timeoutSeconds: number }>;
  clock: VirtualClock;
  deliver: Deliver;
  maxParallel?: number;
}

interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

export class EventQueue {
  private pending: QueuedEvent[] = [];
  private inFlight = 0;
  private inFlightByKey = new Map<string, number>();
  private jobs = new Map<string, JobStats>();
  private cancelled = new Set<string>();
  private faults: QueueFaults = { duplicateDeliveryRate: 0 };
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private rng: Rng = createRng(7);
  private wake: Array<() => void> = [];
  readonly deadLetters: Array<QueuedEvent & { lastError: string }> = [];
  readonly counts = { published: 0, delivered: 0, succeeded: 0, retried: 0, failedAttempts: 0, duplicatesInjected: 0, dropped: 0 };

  constructor(private readonly opts: EventQueueOptions) {}

  setFaults(f: QueueFaults): void {
    this.faults = f;
    this.rng = createRng(f.seed ?? 7);
  }

  get pendingCount(): number {
    return this.pending.length + this.inFlight;
  }

  /** The wire side of Queue.push / getStats / cancel (paths under /webhook/queue/). */
  handle(path: string, body: unknown): EmulatorResponse {
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(body);
    if (path.startsWith('/webhook/queue/stats/')) {
      const r = JobRequest.safeParse(body);
      if (!r.success) return { status: 400, body: { message: 'Invalid stats request' } };
      const stats = this.jobs.get(r.data.jobId);
      if (!stats) return { status: 404, body: { message: `Job ${r.data.jobId} does not exist` } };
      return { status: 200, body: { ...stats } };
    }
    if (path.startsWith('/webhook/queue/cancel/')) {
      const r = JobRequest.safeParse(body);
      if (!r.success) return { status: 400, body: { message: 'Invalid cancel request' } };
      if (!this.jobs.has(r.data.jobId)) return { status: 404, body: { message: `Job ${r.data.jobId} does not exist` } };
      this.cancelled.add(r.data.jobId);
      const before = this.pending.length;
      this.pending = this.pending.filter((e) => e.jobId !== r.data.jobId);
      const stats = this.jobs.get(r.data.jobId);
      if (stats) stats.inProgress -= before - this.pending.length;
      return { status: 204 };
    }
    return { status: 404, body: { message: `Unknown queue path ${path}` } };
  }

  publish(body: unknown): EmulatorResponse {
    const raw = JSON.stringify(body ?? null);
    if (Buffer.byteLength(raw) > MAX_PUSH_BYTES + 4096) return { status: 413, body: { errorMessage: 'The maximum payload size is 200KB' } };
    const r = PushRequest.safeParse(body);
    if (!r.success) return { status: 400, body: { message: `Invalid push request: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` } };
    const req = r.data;
    if (req.payload.length === 0 || req.payload.length > MAX_EVENTS) return { status: 400, body: { message: `A push carries 1 to ${MAX_EVENTS} events` } };
    const consumer = this.opts.consumers.find((c) => c.queue === req.queueName);
    if (!consumer) return { status: 400, body: { message: `No consumer is declared for queue '${req.queueName}' in manifest.yml` } };
    if (consumer.timeoutSeconds > 55) {
      const failed = req.payload
        .map((e, index) => ({ index, size: Buffer.byteLength(JSON.stringify(e)) }))
        .filter((e) => e.size > MAX_EVENT_BYTES_LONG_FUNCTION);
      if (failed.length > 0) {
        return { status: 202, body: { failedEvents: failed.map((f) => ({ index: String(f.index), errorMessage: 'Event exceeds 100KB for a long-running consumer' })) } };
      }
    }
    const now = this.opts.clock.now();
    const stats = this.jobs.get(req.jobId) ?? { success: 0, inProgress: 0, failed: 0 };
    this.jobs.set(req.jobId, stats);
    for (const e of req.payload) {
      this.pending.push({
        eventId: randomUUID(),
        jobId: req.jobId,
        queueName: req.queueName,
        body: e.body,
        delayInSeconds: e.delayInSeconds,
        concurrency: e.concurrency,
        notBefore: now + (e.delayInSeconds ?? 0) * 1000,
        enqueuedAt: now,
        retryCount: 0,
      });
      stats.inProgress++;
      this.counts.published++;
    }
    this.kick();
    return { status: 201, body: {} };
  }

  /** Delivers every event that is due now (up to the parallel limit); resolves when those finish. */
  async pump(): Promise<number> {
    const now = this.opts.clock.now();
    const due = this.pending
      .filter((e) => e.notBefore <= now)
      .sort((a, b) => a.notBefore - b.notBefore || a.enqueuedAt - b.enqueuedAt);
    const max = this.opts.maxParallel ?? 4;
    const started: Array<Promise<void>> = [];
    for (const e of due) {
      if (this.inFlight >= max) break;
      if (e.concurrency) {
        const n = this.inFlightByKey.get(e.concurrency.key) ?? 0;
        if (n >= e.concurrency.limit) continue;
      }
      this.pending.splice(this.pending.indexOf(e), 1);
      started.push(this.deliverOne(e));
    }
    await Promise.all(started);
    return started.length;
  }

  /**
   * Runs the queue until nothing is due before `until` (virtual ms). With fastForward the virtual
   * clock jumps to the next delayed event instead of waiting for it in real time.
   */
  async drain(opts: { until?: number; fastForward?: boolean; maxDeliveries?: number } = {}): Promise<void> {
    const until = opts.until ?? Number.POSITIVE_INFINITY;
    let deliveries = 0;
    for (;;) {
      const n = await this.pump();
      deliveries += n;
      if (opts.maxDeliveries !== undefined && deliveries >= opts.maxDeliveries) return;
      if (n > 0) continue;
      if (this.inFlight > 0) {
        await new Promise<void>((r) => this.wake.push(r));
        continue;
      }
      const next = this.nextDueAt();
      if (next === undefined || next > until) return;
      if (next > this.opts.clock.now()) {
        if (opts.fastForward) this.opts.clock.advanceTo(next);
        else await new Promise((r) => setTimeout(r, Math.min(1000, next - this.opts.clock.now())));
      }
    }
  }

  /**
   * Live mode (the served demo): deliver events as they fall due in real time, as Forge does, so
   * work a person starts in the UI (a report, an invoice page, a sync) happens without a test draining.
   */
  startLive(intervalMs = 500): void {
    if (this.liveTimer) return;
    let busy = false;
    this.liveTimer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.pump()
        .catch((e: unknown) => console.error(`queue: live delivery failed: ${(e as Error).message}`))
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    this.liveTimer.unref();
  }

  stopLive(): void {
    if (this.liveTimer) clearInterval(this.liveTimer);
    this.liveTimer = undefined;
  }

  nextDueAt(): number | undefined {
    let min: number | undefined;
    for (const e of this.pending) if (min === undefined || e.notBefore < min) min = e.notBefore;
    return min;
  }

  jobStats(jobId: string): JobStats | undefined {
    const s = this.jobs.get(jobId);
    return s ? { ...s } : undefined;
  }

  private kick(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }

  private async deliverOne(e: QueuedEvent): Promise<void> {
    const consumer = this.opts.consumers.find((c) => c.queue === e.queueName);
    const stats = this.jobs.get(e.jobId);
    if (!consumer || !stats) return;
    this.inFlight++;
    if (e.concurrency) this.inFlightByKey.set(e.concurrency.key, (this.inFlightByKey.get(e.concurrency.key) ?? 0) + 1);
    this.counts.delivered++;
    const event: Record<string, unknown> = {
      body: e.body,
      queueName: e.queueName,
      jobId: e.jobId,
      eventId: e.eventId,
      ...(e.delayInSeconds !== undefined ? { delayInSeconds: e.delayInSeconds } : {}),
      ...(e.concurrency ? { concurrency: e.concurrency } : {}),
      ...(e.retryCount > 0
        ? {
            retryContext: {
              retryCount: e.retryCount,
              retryReason: e.retryReason,
              retryData: e.retryData,
              retentionWindow: { startTime: new Date(e.enqueuedAt).toISOString(), remainingTimeMs: Math.max(0, e.enqueuedAt + RETENTION_MS - this.opts.clock.now()) },
            },
          }
        : {}),
    };
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.opts.deliver(consumer.function, e.queueName, event);
    } catch (err) {
      outcome = { kind: 'error', message: (err as Error).message };
    }
    this.inFlight--;
    if (e.concurrency) this.inFlightByKey.set(e.concurrency.key, (this.inFlightByKey.get(e.concurrency.key) ?? 1) - 1);
    const now = this.opts.clock.now();
    if (this.cancelled.has(e.jobId)) {
      stats.inProgress--;
    } else if (outcome.kind === 'ok') {
      if (!e.duplicate) {
        stats.inProgress--;
        stats.success++;
        this.counts.succeeded++;
        if (this.faults.duplicateDeliveryRate > 0 && this.rng.chance(this.faults.duplicateDeliveryRate)) {
          // At-least-once: the same event (same eventId) arrives again a little later.
          this.counts.duplicatesInjected++;
          this.pending.push({ ...e, duplicate: true, notBefore: now + 1000 });
        }
      }
    } else {
      const retryCount = e.retryCount + 1;
      const delayMs =
        outcome.kind === 'retry'
          ? Math.max(1, outcome.retryAfterSeconds) * 1000
          : Math.min(900_000, 5000 * 2 ** Math.min(10, retryCount - 1));
      if (outcome.kind === 'error') this.counts.failedAttempts++;
      if (now + delayMs > e.enqueuedAt + RETENTION_MS) {
        if (!e.duplicate) {
          stats.inProgress--;
          stats.failed++;
        }
        this.counts.dropped++;
        this.deadLetters.push({ ...e, lastError: outcome.kind === 'error' ? outcome.message : `retry requested: ${outcome.retryReason}` });
      } else {
        this.counts.retried++;
        this.pending.push({
          ...e,
          retryCount,
          retryReason: outcome.kind === 'retry' ? outcome.retryReason : 'FUNCTION_ERROR',
          retryData: outcome.kind === 'retry' ? outcome.retryData : undefined,
          notBefore: now + delayMs,
        });
      }
    }
    this.kick();
  }
}
