// Kpi resolvers. Registered in resolvers/index.ts.
import type { ApiKey } from '../shared/api';
import type { ResolverDef } from './define';

export const kpiResolvers: Array<ResolverDef<ApiKey>> = [];
