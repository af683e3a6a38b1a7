// The seam between our Atlassian clients and the platform. In Forge it is requestJira/requestConfluence
// (forge-transport.ts); in tests a scripted fake or an adapter over the emulated site.
import type { Route } from '@forge/api';

/** A path built with @forge/api's `route` tag (or `assumeTrustedRoute` for links the product gave us). */
export type ProductPath = Route;

export type ProductBody = string | FormData | Uint8Array;

export interface ProductRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: ProductBody;
}

export interface ProductHeaders {
  get(name: string): string | null;
}

/** The part of a fetch Response our clients use. */
export interface ProductResponse {
  status: number;
  headers: ProductHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ProductTransport {
  request(path: ProductPath, init?: ProductRequestInit): Promise<ProductResponse>;
}

export type AtlassianService = 'jira' | 'confluence';

/** Called once per HTTP attempt (retries included), for metering. Status 0 = no response (network error). */
export type CallHook = (method: string, path: string, status: number) => void;
