// The only place in src/ that calls requestJira / requestConfluence. Everything else takes a
// ProductTransport, so clients run unchanged against fakes and the local Forge platform.
import { asApp, asUser, type RequestInit as ForgeRequestInit } from '@forge/api';
import type { ProductPath, ProductRequestInit, ProductResponse, ProductTransport } from './transport';

export type ForgePrincipal = 'app' | 'user';

// @forge/api's RequestInit type lists string | ArrayBuffer | URLSearchParams only, but the runtime
// hands `init` to the platform fetch untouched, and FormData uploads are the documented way to
// attach files. The cast is confined to this one line.
function toForgeInit(init: ProductRequestInit | undefined): ForgeRequestInit | undefined {
  if (!init) return undefined;
  return init as unknown as ForgeRequestInit;
}

function methodsFor(as: ForgePrincipal) {
  return as === 'app' ? asApp() : asUser();
}

export function forgeJiraTransport(as: ForgePrincipal): ProductTransport {
  return {
    async request(path: ProductPath, init?: ProductRequestInit): Promise<ProductResponse> {
      return methodsFor(as).requestJira(path, toForgeInit(init));
    },
  };
}

export function forgeConfluenceTransport(as: ForgePrincipal): ProductTransport {
  return {
    async request(path: ProductPath, init?: ProductRequestInit): Promise<ProductResponse> {
      return methodsFor(as).requestConfluence(path, toForgeInit(init));
    },
  };
}
