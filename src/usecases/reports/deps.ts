// Ports of the reports feature, wired to the real clients and to the other features' storage.
import { getAppContext } from '@forge/api';
import { forgeConfluenceTransport } from '../../connectors/atlassian/forge-transport';
import { createConfluenceClient, type ConfluenceClient } from '../../connectors/confluence/client';
import type { JiraClient } from '../../connectors/jira/client';
import { METRIC_SOURCES, type DailyRow, type MetricSource } from '../../connectors/metrics/types';
import { readServiceMonth } from '../../storage/metrics.repo';
import { appDeps } from '../deps';
import type { KpiReader, MetricsReader } from './model';

export interface ReportRenderContext {
  appId: string;
  environmentId: string;
}

export interface ReportsDeps {
  jira: JiraClient;
  confluence: ConfluenceClient;
  /** Confluence as the invoking user: what that person may see. */
  confluenceAsUser(): ConfluenceClient;
  metrics: MetricsReader | null;
  kpis: KpiReader | null;
  render(): ReportRenderContext;
  now(): Date;
}

let kpiReader: KpiReader | null = null;

/** The KPI feature registers its reader here; reports work without it. */
export function registerKpiReader(reader: KpiReader | null): void {
  kpiReader = reader;
}

const readMetrics: MetricsReader = async (serviceId, months) => {
  const out = new Map<MetricSource, DailyRow[]>();
  for (const month of months) {
    const m = await readServiceMonth(serviceId, month, METRIC_SOURCES);
    for (const [source, rows] of m) out.set(source, [...(out.get(source) ?? []), ...rows]);
  }
  return out;
};

function renderContext(): ReportRenderContext {
  const ctx = getAppContext();
  return { appId: ctx.appAri.appId, environmentId: ctx.environmentAri.environmentId };
}

export function reportsDeps(): ReportsDeps {
  const base = appDeps();
  return {
    jira: base.jira,
    confluence: base.confluence,
    confluenceAsUser: () => createConfluenceClient({ transport: forgeConfluenceTransport('user') }),
    metrics: readMetrics,
    kpis: kpiReader,
    render: renderContext,
    now: () => new Date(),
  };
}
