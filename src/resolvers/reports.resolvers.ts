// Reports resolvers. Registered in resolvers/index.ts.
import type { ApiKey } from '../shared/api';
import type { ResolverDef } from './define';

export const reportsResolvers: Array<ResolverDef<ApiKey>> = [];
