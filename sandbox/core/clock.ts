// The sandbox's clock. Virtual time = real time + offset, so time flows normally during an
// invocation while the scheduler can jump whole days between trigger runs.
export class VirtualClock {
  private offsetMs: number;

  constructor(start?: Date | string | number) {
    this.offsetMs = start === undefined ? 0 : new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Offset to hand to workers so their Date agrees with this clock. */
  get offset(): number {
    return this.offsetMs;
  }

  set(at: Date | string | number): void {
    const target = new Date(at).getTime();
    if (Number.isNaN(target)) throw new Error(`Invalid clock time: ${String(at)}`);
    this.offsetMs = target - Date.now();
  }

  /** Moves time forward (never backwards: jobs rely on monotonic time). */
  advance(ms: number): void {
    if (ms < 0) throw new Error('The sandbox clock never goes backwards');
    this.offsetMs += ms;
  }

  advanceTo(at: number): void {
    const delta = at - this.now();
    if (delta > 0) this.advance(delta);
  }
}
