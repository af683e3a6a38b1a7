// Metrics connections and sync status (issue 4). Registered in resolvers/index.ts.
import type { ApiKey } from '../shared/api';
import type { ResolverDef } from './define';

export const metricsResolvers: Array<ResolverDef<ApiKey>> = [];
