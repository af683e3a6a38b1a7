// Coalescing requests in fixed time windows: the first request for a key in a window claims it (a
// marker with a TTL) and schedules the work for just after the window ends, so every change made in
// the window is included; later requests in the same window find the claim and do nothing.
import { kvs } from '@forge/kvs';

/** The fixed window of `seconds` that `now` falls in, and the seconds until it ends. */
export function windowOf(now: Date, seconds: number): { index: number; secondsLeft: number } {
  const ms = seconds * 1000;
  const index = Math.floor(now.getTime() / ms);
  return { index, secondsLeft: Math.ceil(((index + 1) * ms - now.getTime()) / 1000) };
}

/** Claims `key` for the current window; `delayInSeconds` is when the claimed work should run. */
export async function claimWindow(key: string, seconds: number, now: Date): Promise<{ claimed: boolean; delayInSeconds: number }> {
  const w = windowOf(now, seconds);
  const claimed = await claimMarker(`${key}:${w.index}`, seconds * 3);
  return { claimed, delayInSeconds: w.secondsLeft + 1 };
}

/**
 * A once-only marker, without reading it back: any refusal counts as "someone else did" (a panel load
 * must stay within its read budget); the worst case is one run less, which the next window or the
 * daily planner makes up.
 */
async function claimMarker(key: string, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(key, { at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
    return true;
  } catch {
    return false;
  }
}
