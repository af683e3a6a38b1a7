// Every UI resolver key, registered once.
import type { ApiKey } from '../shared/api';
import { appResolvers } from './app.resolvers';
import { buildResolverHandler, type ResolverDef } from './define';
import { panelResolvers } from './panel.resolvers';
import { serviceResolvers } from './services.resolvers';
import { templateResolvers } from './templates.resolvers';

const all = [...appResolvers, ...serviceResolvers, ...templateResolvers, ...panelResolvers] as unknown as Array<ResolverDef<ApiKey>>;

export const resolver = buildResolverHandler(all);
