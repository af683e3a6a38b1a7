// Loading data from one resolver key, with reload and protection against stale answers.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiKey, ApiPayload, ApiResult } from '../../shared/api';
import { asUiError, call, type UiError } from '../services/invokes';

export interface Loadable<T> {
  data: T | undefined;
  error: UiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Calls `key` with `payload` whenever the payload changes (by value); `null` skips the call. */
export function useResolver<K extends ApiKey>(key: K, payload: ApiPayload<K> | null): Loadable<ApiResult<K>> {
  const [data, setData] = useState<ApiResult<K>>();
  const [error, setError] = useState<UiError>();
  const [loading, setLoading] = useState(payload !== null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const payloadKey = payload === null ? null : JSON.stringify(payload);

  useEffect(() => {
    if (payloadKey === null) {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    call(key, JSON.parse(payloadKey) as ApiPayload<K>).then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(asUiError(e, key));
        setLoading(false);
      },
    );
  }, [key, payloadKey, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export type MutationResult<T> = { ok: true; data: T } | { ok: false; error: UiError };

export interface Mutation<K extends ApiKey> {
  /** Resolves with the outcome; the error is also kept in `error` (for field messages). */
  run(payload: ApiPayload<K>): Promise<MutationResult<ApiResult<K>>>;
  pending: boolean;
  error: UiError | undefined;
  reset(): void;
}

export function useMutation<K extends ApiKey>(key: K): Mutation<K> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError>();
  const run = useCallback(
    async (payload: ApiPayload<K>): Promise<MutationResult<ApiResult<K>>> => {
      setPending(true);
      setError(undefined);
      try {
        const data = await call(key, payload);
        return { ok: true, data };
      } catch (e) {
        const err = asUiError(e, key);
        setError(err);
        return { ok: false, error: err };
      } finally {
        setPending(false);
      }
    },
    [key],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { run, pending, error, reset };
}
