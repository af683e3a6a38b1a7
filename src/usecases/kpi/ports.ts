// What KPI recomputation reads from other features, as small ports, wired to their storage here.
//   metrics  the service's normalised daily rows of a month (metrics storage)
//   money    profitability facts (hours, revenue, cost, margin) and turnover of a month (money storage)
//   rating   the month's client feedback ratings (reports storage)
import { METRIC_SOURCES, type DailyRow } from '../../connectors/metrics/types';
import type { ServiceFacts } from '../../domain/kpi';
import { formatMoney } from '../../domain/money/money';
import { readDoc, profitKey, ProfitRecordSchema } from '../../storage/money-docs.repo';
import { readServiceMonth } from '../../storage/metrics.repo';
import { reportsOfService } from '../../storage/reports.repo';

export interface MetricsReader {
  monthRows(serviceId: string, month: string): Promise<DailyRow[]>;
}

export interface MonthMoney {
  facts: Partial<ServiceFacts>;
  /** Turnover (fees + commission) as a decimal string in `currency`; null when nothing is booked. */
  turnover: { amount: string; currency: string } | null;
}

export interface MoneyReader {
  month(serviceId: string, month: string): Promise<MonthMoney>;
}

export interface RatingReader {
  /** The month's feedback ratings (1–5). */
  ratings(serviceId: string, month: string): Promise<number[]>;
}

export interface KpiSources {
  metrics: MetricsReader;
  money: MoneyReader;
  rating: RatingReader;
}

const storedMetrics: MetricsReader = {
  monthRows: async (serviceId, month) => {
    const bySource = await readServiceMonth(serviceId, month, METRIC_SOURCES);
    return [...bySource.values()].flat();
  },
};

const money = (m: { amountMinor: string; currency: string }): string => formatMoney({ amountMinor: BigInt(m.amountMinor), currency: m.currency });

const storedMoney: MoneyReader = {
  month: async (serviceId, month) => {
    const doc = await readDoc(profitKey(serviceId, month), ProfitRecordSchema);
    if (!doc) return { facts: {}, turnover: null };
    const p = doc.value;
    const turnoverMinor = BigInt(p.fees.amountMinor) + BigInt(p.commission.amountMinor);
    return {
      facts: { hoursUsed: Number(p.hoursUsed), revenue: money(p.revenue), totalCost: money(p.totalCost), margin: money(p.margin) },
      turnover: { amount: formatMoney({ amountMinor: turnoverMinor, currency: p.currency }), currency: p.currency },
    };
  },
};

/** Ratings clients gave on the reports of the month (reports whose period starts in it). */
const storedRatings: RatingReader = {
  ratings: async (serviceId, month) =>
    (await reportsOfService(serviceId)).filter((r) => r.from.slice(0, 7) === month).flatMap((r) => r.feedback.map((f) => f.rating)),
};

let override: Partial<KpiSources> = {};

/** The sources recomputation reads; tests of use cases may replace parts with setKpiSources. */
export function kpiSources(): KpiSources {
  return { metrics: override.metrics ?? storedMetrics, money: override.money ?? storedMoney, rating: override.rating ?? storedRatings };
}

export function setKpiSources(s: Partial<KpiSources>): void {
  override = s;
}
