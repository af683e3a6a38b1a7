// Follows a background job (task creation, setup) by polling 'jobs/get' until it settles.
import { useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../shared/api';
import { asUiError, call, type UiError } from '../services/invokes';

export interface JobWatch {
  job: JobStatus | undefined;
  error: UiError | undefined;
  settled: boolean;
}

const settledStates: ReadonlySet<JobStatus['state']> = new Set(['done', 'failed']);

/** Starts polling when `initial` is given; calls `onSettled` once when it is done or failed. */
export function useJob(initial: JobStatus | undefined, onSettled?: (job: JobStatus) => void, intervalMs = 1000): JobWatch {
  const [job, setJob] = useState<JobStatus | undefined>(initial);
  const [error, setError] = useState<UiError>();
  const settledCb = useRef(onSettled);
  settledCb.current = onSettled;

  useEffect(() => {
    setJob(initial);
    setError(undefined);
    if (!initial) return;
    if (settledStates.has(initial.state)) {
      settledCb.current?.(initial);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const next = await call('jobs/get', { jobId: initial.jobId });
        if (stopped) return;
        setJob(next);
        if (settledStates.has(next.state)) {
          settledCb.current?.(next);
          return;
        }
      } catch (e) {
        if (stopped) return;
        setError(asUiError(e, 'jobs/get'));
        return;
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    timer = setTimeout(() => void poll(), intervalMs / 2);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [initial, intervalMs]);

  return { job, error, settled: job ? settledStates.has(job.state) : false };
}
