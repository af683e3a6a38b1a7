// Credentials of metrics connections, kept ONLY as KVS secrets: what an admin entered (refresh
// token, client id/secret, API key…) under one key, and the short-lived access token a connector
// refreshed under another, with a TTL so it vanishes when it stops working. Nothing here is ever
// returned to the UI or logged; callers only learn which fields are set.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { AccessToken, Credentials } from '../connectors/metrics/types';

const credentialsKey = (connectionId: string): string => `metrics-cred:${connectionId}`;
const tokenKey = (connectionId: string): string => `metrics-token:${connectionId}`;

export const CREDENTIAL_FIELDS = ['accessToken', 'refreshToken', 'clientId', 'clientSecret', 'developerToken', 'apiKey', 'userId'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

const Secret = z.string().trim().min(1).max(4000);

/** What an admin may enter: every field optional, each a non-blank string. */
export const CredentialsInputSchema = z
  .object({
    accessToken: Secret.optional(),
    refreshToken: Secret.optional(),
    clientId: Secret.optional(),
    clientSecret: Secret.optional(),
    developerToken: Secret.optional(),
    apiKey: Secret.optional(),
    userId: Secret.optional(),
  })
  .strict();
export type CredentialsInput = z.infer<typeof CredentialsInputSchema>;

const StoredCredentials = CredentialsInputSchema.extend({ accessTokenExpiresAt: z.number().optional() });
const StoredToken = z.object({ accessToken: z.string().min(1), expiresAt: z.number() });

/** Field names set in an input (never the values). */
export function credentialFieldsOf(c: CredentialsInput): CredentialField[] {
  return CREDENTIAL_FIELDS.filter((f) => typeof c[f] === 'string' && c[f] !== '');
}

/** Replaces the connection's credentials; any cached access token is dropped with them. */
export async function writeCredentials(connectionId: string, c: CredentialsInput): Promise<void> {
  const valid = CredentialsInputSchema.parse(c);
  await kvs.setSecret(credentialsKey(connectionId), valid);
  await kvs.deleteSecret(tokenKey(connectionId));
}

/** Credentials for a connector call: the stored ones plus a cached access token when still valid. */
export async function readCredentials(connectionId: string, nowMs: number): Promise<Credentials | undefined> {
  const [rawCreds, rawToken]: [unknown, unknown] = await Promise.all([kvs.getSecret(credentialsKey(connectionId)), kvs.getSecret(tokenKey(connectionId))]);
  if (rawCreds === undefined) return undefined;
  const creds = StoredCredentials.safeParse(rawCreds);
  // A damaged secret is treated as absent (the connection then reports "missing credentials").
  if (!creds.success) return undefined;
  const out: Credentials = { ...creds.data };
  const token = StoredToken.safeParse(rawToken);
  if (token.success && token.data.expiresAt > nowMs) {
    out.accessToken = token.data.accessToken;
    out.accessTokenExpiresAt = token.data.expiresAt;
  }
  return out;
}

/** The stored credentials alone (what an admin entered), without any cached access token. */
export async function readStoredCredentials(connectionId: string): Promise<CredentialsInput | undefined> {
  const parsed = CredentialsInputSchema.safeParse(await kvs.getSecret(credentialsKey(connectionId)));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Keeps a token a connector refreshed, until it expires. A rotated refresh token (Yandex may send a
 * new one) replaces the stored one.
 */
export async function cacheAccessToken(connectionId: string, token: AccessToken, nowMs: number): Promise<void> {
  const seconds = Math.floor((token.expiresAt - nowMs) / 1000);
  if (seconds > 60) {
    await kvs.setSecret(tokenKey(connectionId), { accessToken: token.accessToken, expiresAt: token.expiresAt }, { ttl: { value: Math.min(seconds, 365 * 86_400), unit: 'SECONDS' } });
  }
  if (token.refreshToken) {
    const raw: unknown = await kvs.getSecret(credentialsKey(connectionId));
    const creds = StoredCredentials.safeParse(raw);
    if (creds.success && creds.data.refreshToken !== token.refreshToken) {
      await kvs.setSecret(credentialsKey(connectionId), { ...creds.data, refreshToken: token.refreshToken });
    }
  }
}

export async function deleteCredentials(connectionId: string): Promise<void> {
  await Promise.all([kvs.deleteSecret(credentialsKey(connectionId)), kvs.deleteSecret(tokenKey(connectionId))]);
}
