// Small HTTP helpers shared by the sandbox's servers.
import type { IncomingMessage } from 'node:http';

/** Reads a request body as UTF-8; null when it is larger than `max` bytes (the request is dropped). */
export function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        resolveBody(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
