// Every UI resolver key, registered once, by feature.
import type { ApiKey } from '../shared/api';
import { appResolvers } from './app.resolvers';
import { dashboardResolvers } from './dashboard.resolvers';
import { buildResolverHandler, type ResolverDef } from './define';
import { kpiResolvers } from './kpi.resolvers';
import { metricsResolvers } from './metrics.resolvers';
import { moneyResolvers } from './money.resolvers';
import { notificationResolvers } from './notifications.resolvers';
import { panelResolvers } from './panel.resolvers';
import { reportsResolvers } from './reports.resolvers';
import { salesResolvers } from './sales.resolvers';
import { serviceResolvers } from './services.resolvers';
import { templateResolvers } from './templates.resolvers';

const core = [...appResolvers, ...serviceResolvers, ...templateResolvers, ...panelResolvers] as unknown as Array<ResolverDef<ApiKey>>;

export const resolver = buildResolverHandler([...core, ...metricsResolvers, ...moneyResolvers, ...kpiResolvers, ...reportsResolvers, ...dashboardResolvers, ...salesResolvers, ...notificationResolvers]);
