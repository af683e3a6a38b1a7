// Leads come in from the agency's website form (web trigger `lead-intake`) or a manager's form.
//
// WEB FORM CONTRACT
//   POST, Content-Type: application/json, body ≤ 16 KiB:
//     { "name": "…", "company": "…", "email": "…", "phone": "…", "site": "…",
//       "serviceTypes": ["seo", …], "message": "…", "language": "en|uk|ru" }   (unknown fields refused)
//   Header X-Retainer-Signature: t=<unix seconds>,n=<nonce 16–80 chars>,v1=<hex HMAC-SHA256(secret, "<t>.<n>.<raw body>")>
//   The shared secret is set by an admin (sales/form-secret/configure) and kept with kvs.setSecret.
// CHECKS, in order; nothing is written unless all pass:
//   405 not POST · 413 body too large · 415 not JSON content type · 503 no secret configured ·
//   401 missing/malformed signature, timestamp more than 5 minutes off, or signature mismatch ·
//   400 not JSON or not the shape above · 409 nonce already used (replay) · 200 lead created or,
//   for a known e-mail / phone / site, recorded as a repeat request of the existing lead.
// Text fields are stored as typed (control characters removed); pages and PDFs escape them.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { ZodError } from 'zod';
import { findDuplicates, parseSignature, signedMessage, toLeadContact, type LeadContact } from '../../domain/sales';
import { pushJobs } from '../../platform/queue';
import { tryLock, unlock } from '../../platform/kv';
import { RetryLaterError, ValidationError } from '../../shared/errors';
import { type LeadRecord, SALES_KEYS, leadsMatching, leadsRepo } from '../../storage/sales.repo';
import { acquire, hmacHex } from './context';

export const FORM_MAX_BYTES = 16 * 1024;
export const FORM_TOLERANCE_SECONDS = 300;
export const FORM_SIGNATURE_HEADER = 'x-retainer-signature';

export interface FormRequest {
  method: string;
  headers: Record<string, string[] | undefined>;
  body: string;
}

export interface FormResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

const reply = (statusCode: number, body: Record<string, unknown>): FormResponse => ({ statusCode, body });

function header(req: FormRequest, name: string): string | undefined {
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === name && v && v.length > 0) return v[0];
  return undefined;
}

/** How the website signs a request (for the admin's instructions, tests and the demo). */
export function signForm(secret: string, body: string, timestamp: number, nonce: string): string {
  return `t=${timestamp},n=${nonce},v1=${hmacHex(secret, signedMessage(timestamp, nonce, body))}`;
}

function newLeadId(): string {
  return `ld-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Identifies one filled-in form (the same person sending the same text). */
function fingerprintOf(contact: LeadContact): string {
  return createHash('sha256').update(JSON.stringify(contact)).digest('hex').slice(0, 24);
}

export interface CreatedLead {
  lead: LeadRecord;
  duplicateOf: string | null;
}

/** Creates the lead, or records a repeat request on the lead it duplicates. Queues the Jira issue. */
export async function createLead(contact: LeadContact, by: string, now: Date, managerAccountId: string | null = null): Promise<CreatedLead> {
  // Intake is serialised (a few leads a day): two posts of the same person at once make one lead.
  const lock = 'sales:intake-lock';
  if (!(await acquire(lock, 20))) throw new RetryLaterError('Another lead is being recorded', 5);
  try {
    return await createLeadLocked(contact, by, now, managerAccountId);
  } finally {
    await unlock(lock);
  }
}

async function createLeadLocked(contact: LeadContact, by: string, now: Date, managerAccountId: string | null): Promise<CreatedLead> {
  const at = now.toISOString();
  const matches = findDuplicates(contact, (await leadsMatching(contact)).map((l) => ({ id: l.id, contact: l.contact })));
  const first = matches[0];
  if (first) {
    const existing = await leadsRepo.get(first.leadId);
    if (existing) {
      // The very same form again within the hour is one submission resent (the site got no answer
      // the first time), not a repeat request: keep the lead as it is.
      const print = fingerprintOf(contact);
      const hourAgo = now.getTime() - 3_600_000;
      const resent = [{ at: existing.createdAt, fingerprint: fingerprintOf(existing.contact) }, ...existing.repeats].some((r) => r.fingerprint === print && Date.parse(r.at) >= hourAgo);
      if (resent) return { lead: existing, duplicateOf: existing.id };
      const updated: LeadRecord = { ...existing, repeats: [...existing.repeats, { at, source: contact.source, message: contact.message, matchedBy: first.by, fingerprint: print }].slice(-50), updatedAt: at };
      await leadsRepo.put(updated.id, updated);
      return { lead: updated, duplicateOf: existing.id };
    }
  }
  const id = newLeadId();
  const lead: LeadRecord = {
    id,
    number: `L-${id.slice(3, 9).toUpperCase()}`,
    createdAt: at,
    updatedAt: at,
    stage: 'new',
    history: [{ stage: 'new', at, by }],
    contact,
    repeats: [],
    managerAccountId,
    lostReason: null,
    lostNote: null,
    jiraIssueKey: null,
    brief: { serviceTypes: contact.serviceTypes.length > 0 ? contact.serviceTypes : ['seo'], pageId: null, requestedAt: null, answers: null, submittedAt: null, reminders: 0, lastReminderAt: null },
    estimate: null,
    docs: {},
    acceptedAt: null,
    won: null,
    firstInvoiceAt: null,
    paidAt: null,
  };
  await leadsRepo.put(id, lead);
  await pushJobs([{ kind: 'sales-lead-sync', leadId: id }]);
  return { lead, duplicateOf: null };
}

export function parseLeadInput(input: unknown, source: string): LeadContact {
  try {
    return toLeadContact(input, source);
  } catch (e) {
    if (e instanceof ZodError) {
      const fields: Record<string, string> = {};
      for (const i of e.issues) fields[i.path.join('.') || '_'] ??= i.message;
      throw new ValidationError('Some fields of the lead are not valid', fields);
    }
    throw e;
  }
}

export async function receiveLeadForm(req: FormRequest, now: Date): Promise<FormResponse> {
  if (String(req.method).toUpperCase() !== 'POST') return reply(405, { error: 'method not allowed' });
  const body = typeof req.body === 'string' ? req.body : '';
  if (Buffer.byteLength(body, 'utf8') > FORM_MAX_BYTES) return reply(413, { error: 'body too large' });
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return reply(415, { error: 'send application/json' });
  const secret = await kvs.getSecret<string>(SALES_KEYS.formSecret);
  if (typeof secret !== 'string' || secret.length === 0) return reply(503, { error: 'lead form is not configured' });
  const sig = parseSignature(header(req, FORM_SIGNATURE_HEADER));
  if (typeof sig === 'string') return reply(401, { error: sig });
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - sig.timestamp) > FORM_TOLERANCE_SECONDS) return reply(401, { error: 'timestamp outside the allowed window' });
  const expected = Buffer.from(hmacHex(secret, signedMessage(sig.timestamp, sig.nonce, body)), 'utf8');
  const given = Buffer.from(sig.mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return reply(401, { error: 'signature mismatch' });

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return reply(400, { error: 'body is not JSON' });
  }
  let contact: LeadContact;
  try {
    contact = parseLeadInput(json, 'website');
  } catch (e) {
    if (e instanceof ValidationError) return reply(400, { error: e.message, fields: e.fields ?? {} });
    throw e;
  }
  // The nonce is taken only for a request that passed every check; it outlives the time window.
  if (!(await tryLock(`sales:nonce:${sig.nonce}`, FORM_TOLERANCE_SECONDS * 2 + 60))) return reply(409, { error: 'request already received' });
  const r = await createLead(contact, 'website', now);
  return reply(200, { received: true, leadNumber: r.lead.number, duplicate: r.duplicateOf !== null });
}

export async function configureFormSecret(secret: string): Promise<void> {
  await kvs.setSecret(SALES_KEYS.formSecret, secret);
}

export async function formSecretConfigured(): Promise<boolean> {
  const s = await kvs.getSecret<string>(SALES_KEYS.formSecret);
  return typeof s === 'string' && s.length > 0;
}
