// Test-only adapter: a ProductTransport over the emulated site's in-process handle(), acting as the
// app (or a user) the way the sandbox's Forge proxy does. Multipart bodies are serialised with the
// platform's own Response, exactly as fetch would send them.
import type { ProductRequestInit, ProductResponse, ProductTransport, ProductPath } from '../../../src/connectors/atlassian/transport';
import type { AtlassianSite } from '../../../sandbox/atlassian/site';

export function siteTransport(site: AtlassianSite, principal = 'app'): ProductTransport & { requests: number } {
  const t = {
    requests: 0,
    async request(path: ProductPath, init: ProductRequestInit = {}): Promise<ProductResponse> {
      t.requests++;
      const headers: Record<string, string> = { ...init.headers, 'x-sandbox-principal': principal };
      let body: Buffer | string | undefined;
      if (init.body instanceof FormData) {
        const encoded = new Response(init.body);
        body = Buffer.from(await encoded.arrayBuffer());
        headers['content-type'] = encoded.headers.get('content-type') ?? '';
      } else if (init.body instanceof Uint8Array) body = Buffer.from(init.body);
      else body = init.body;
      const res = await site.handle({ method: init.method ?? 'GET', path: path.value, headers, body });
      const bytes = res.body;
      return {
        status: res.status,
        headers: { get: (name: string) => res.headers[name.toLowerCase()] ?? null },
        text: async () => bytes.toString('utf8'),
        json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
        arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      };
    },
  };
  return t;
}
