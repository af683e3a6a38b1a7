// Signed links for prospects (brief form, proposal acceptance) and the web form's request signature.
// Pure: the HMAC function is passed in, so this file stays free of I/O and platform modules.
export type Hmac = (secret: string, message: string) => string;

export const LINK_PURPOSES = ['brief', 'accept'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export function linkToken(hmac: Hmac, secret: string, leadId: string, purpose: LinkPurpose): string {
  return hmac(secret, `retainer-sales-link\u0000${purpose}\u0000${leadId}`).slice(0, 40);
}

/** Constant-time comparison of two strings of hex. */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface SignatureParts {
  timestamp: number;
  nonce: string;
  mac: string;
}

/** "t=<unix seconds>,n=<nonce>,v1=<hex>" → parts, or the reason it is malformed. */
export function parseSignature(header: string | undefined): SignatureParts | string {
  if (!header) return 'missing signature';
  if (header.length > 400) return 'malformed signature';
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, Math.max(0, i)).trim(), p.slice(i + 1).trim()] as [string, string];
    }),
  );
  const t = Number(parts.get('t'));
  const n = parts.get('n') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || t <= 0 || !/^[A-Za-z0-9_-]{16,80}$/.test(n) || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed signature';
  return { timestamp: t, nonce: n, mac: v1 };
}

/** What the form signs: timestamp, nonce and the raw body. */
export function signedMessage(timestamp: number, nonce: string, body: string): string {
  return `${timestamp}.${nonce}.${body}`;
}
