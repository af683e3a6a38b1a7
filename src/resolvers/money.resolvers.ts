// Ledger, invoices, payments (issue 5). Registered in resolvers/index.ts.
import type { ApiKey } from '../shared/api';
import type { ResolverDef } from './define';

export const moneyResolvers: Array<ResolverDef<ApiKey>> = [];
