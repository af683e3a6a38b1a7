// Reads of the project page's tabs (KPIs, metrics, money, reports, connections); all through
// useResolver → services/invokes. `null` ids wait.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServiceMonthMetrics } from '../../shared/api-metrics';
import { asUiError, call, type UiError } from '../services/invokes';
import { useResolver, type Loadable } from './use-resolver';

const sid = (serviceId: string | null) => (serviceId ? { serviceId } : null);

export const useKpiService = (serviceId: string | null, month: string) => useResolver('kpi/service', serviceId ? { serviceId, month } : null);
export const useKpiHistory = (serviceId: string | null, months: string[]) => useResolver('kpi/history', serviceId && months.length > 0 ? { serviceId, months } : null);
export const useKpiTargets = (serviceId: string | null, month: string) => useResolver('kpi/targets/get', serviceId ? { serviceId, month } : null);

export const useMoneyPanel = (serviceId: string | null) => useResolver('money/panel', sid(serviceId));
export const useInvoices = (serviceId: string | null) => useResolver('money/invoices/list', sid(serviceId));
export const usePayments = (serviceId: string | null) => useResolver('money/payments/list', sid(serviceId));
export const useMoneyAlerts = (serviceId: string | null) => useResolver('money/alerts', sid(serviceId));
export const useActs = (serviceId: string | null) => useResolver('money/acts/list', sid(serviceId));
export const useServiceMoneySettings = (serviceId: string | null) => useResolver('money/service-settings/get', sid(serviceId));
export const useLedger = (serviceId: string | null, period: string) => useResolver('money/ledger', serviceId ? { serviceId, period } : null);
export const useProfit = (serviceId: string | null, period: string) => useResolver('money/profitability', serviceId ? { serviceId, period } : null);

export const useReports = (serviceId: string | null) => useResolver('reports/list', sid(serviceId));
export const useSyncStatus = (serviceId: string | null) => useResolver('sync/status', sid(serviceId));

/** 'metrics/month' for several months at once (rows only when asked); one answer per month, in order. */
export function useMetricsMonths(serviceId: string | null, months: readonly string[], rows: boolean): Loadable<ServiceMonthMetrics[]> {
  const [data, setData] = useState<ServiceMonthMetrics[]>();
  const [error, setError] = useState<UiError>();
  const [loading, setLoading] = useState(serviceId !== null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const monthsKey = months.join(',');
  useEffect(() => {
    if (!serviceId || monthsKey === '') {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    Promise.all(monthsKey.split(',').map((month) => call('metrics/month', rows ? { serviceId, month, rows: true } : { serviceId, month }))).then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(asUiError(e, 'metrics/month'));
        setLoading(false);
      },
    );
  }, [serviceId, monthsKey, rows, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Calls `reload` every `ms` while `active` (e.g. a report being drafted); stops when it turns false. */
export function usePoll(active: boolean, reload: () => void, ms = 2000): void {
  const cb = useRef(reload);
  cb.current = reload;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => cb.current(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}
