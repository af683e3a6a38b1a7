// OAuth2 refresh-token flows: Google (Ads, GA4, Search Console) and Yandex (Direct, Metrica).
import { z } from 'zod';
import { SourceError } from '../errors';
import { formBody, readJson } from '../http';
import type { AccessToken } from '../types';
import type { SourceSession } from './session';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const YANDEX_TOKEN_URL = 'https://oauth.yandex.ru/token';

const TokenOk = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
  token_type: z.string().optional(),
});
const TokenErr = z.object({ error: z.string(), error_description: z.string().optional() });

/** `grant_type=refresh_token` against a standard token endpoint (RFC 6749 §6). */
export async function refreshWithRefreshToken(s: SourceSession, tokenUrl: string): Promise<AccessToken> {
  const { refreshToken, clientId, clientSecret } = s.credentials;
  if (!refreshToken) throw s.authError('missing', 'no refresh token is stored');
  if (!clientId || !clientSecret) throw s.authError('invalid', 'OAuth client id/secret are not configured');
  const res = await s.retry(async () => {
    const r = await s.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: formBody({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret }),
    });
    if (r.status >= 500 || r.status === 429) {
      throw new SourceError(s.source, r.status, 'OAUTH_UNAVAILABLE', 'token endpoint temporarily unavailable', true);
    }
    return r;
  });
  const body = await readJson(s.source, res);
  if (res.ok) {
    const ok = TokenOk.safeParse(body);
    if (!ok.success) throw new SourceError(s.source, res.status, 'OAUTH_BAD_RESPONSE', 'token endpoint answered without access_token', false);
    const expiresIn = ok.data.expires_in ?? 3600;
    return { accessToken: ok.data.access_token, expiresAt: s.now() + expiresIn * 1000, ...(ok.data.refresh_token ? { refreshToken: ok.data.refresh_token } : {}) };
  }
  const err = TokenErr.safeParse(body);
  const code = err.success ? err.data.error : `http_${res.status}`;
  const desc = err.success ? (err.data.error_description ?? code) : `token endpoint answered ${res.status}`;
  // invalid_grant: refresh token expired/revoked (or a 7-day "Testing" app); never retry.
  if (code === 'invalid_grant') throw s.authError('revoked', desc);
  if (code === 'invalid_client' || code === 'unauthorized_client') throw s.authError('invalid', desc);
  throw new SourceError(s.source, res.status, code, s.scrub(desc), false);
}
