// Payments pushed by a payment provider to our web trigger.
//
// CONTRACT (what the provider is configured to send)
//   POST, Content-Type: application/json, body ≤ 64 KiB:
//     { "id": "evt_…", "type": "payment.succeeded", "created": <unix seconds>,
//       "data": { "paymentId": "pay_…", "invoiceNumber": "INV-2026-0007", "amount": "1500.00",
//                 "currency": "UAH", "paidAt": "2026-11-03" } }
//   Header  X-Retainer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//   The shared secret is set by an admin (money/webhook/configure) and kept with kvs.setSecret; it is
//   never returned, logged or written anywhere else.
// CHECKS, in order (nothing is written unless all pass):
//   405 not POST · 413 body too large · 503 no secret configured · 401 missing/malformed signature,
//   timestamp more than 5 minutes off, or signature mismatch (constant-time compare) · 400 not JSON or
//   not the shape above, bad amount/currency/date, unknown invoice, currency of another invoice ·
//   409 event or provider payment already processed (replay), or the invoice cannot take payments
//   (cancelled) · 202 other event types (ignored) · 200 booked.
// The event marker is written in the same transaction as the payment, so a replay racing the first
// delivery still books once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { stableHash } from '../../domain/idempotency';
import { isCalendarDate } from '../../domain/month-rules';
import { isKnownCurrency, parseMoney } from '../../domain/money';
import { AppError } from '../../shared/errors';
import { invoiceByNumber } from '../../storage/invoices.repo';
import { WebhookEventSchema, docWrite, readDoc, webhookEventKey } from '../../storage/money-docs.repo';
import { readPayment } from '../../storage/payments.repo';
import { queueInvoicePublish } from './messages';
import { bookPayment } from './payments';

export const WEBHOOK_SECRET_KEY = 'money:payment-webhook-secret';
export const WEBHOOK_MAX_BYTES = 64 * 1024;
export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const SIGNATURE_HEADER = 'x-retainer-signature';

export interface WebhookRequest {
  method: string;
  headers: Record<string, string[] | undefined>;
  body: string;
}

export interface WebhookResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

const EnvelopeSchema = z.object({ id: z.string().min(1).max(200), type: z.string().min(1).max(100), created: z.number().int().positive(), data: z.unknown() });
const PaymentDataSchema = z.object({
  paymentId: z.string().min(1).max(200),
  invoiceNumber: z.string().min(1).max(60),
  amount: z.string().min(1).max(40),
  currency: z.string().length(3),
  paidAt: z.string(),
});

const reply = (statusCode: number, body: Record<string, unknown>): WebhookResponse => ({ statusCode, body });

/** Signs a body the way the provider does (for tests, the demo and the admin's "send a test event"). */
export function signPayload(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

function header(req: WebhookRequest, name: string): string | undefined {
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === name && v && v.length > 0) return v[0];
  return undefined;
}

function verify(secret: string, body: string, signature: string | undefined, nowSeconds: number): string | null {
  if (!signature) return 'missing signature';
  const parts = new Map(signature.split(',').map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as [string, string];
  }));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed signature';
  if (Math.abs(nowSeconds - t) > WEBHOOK_TOLERANCE_SECONDS) return 'timestamp outside the allowed window';
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(v1, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given) ? null : 'signature mismatch';
}

export async function receiveProviderPayment(req: WebhookRequest, now: Date): Promise<WebhookResponse> {
  if (req.method.toUpperCase() !== 'POST') return reply(405, { error: 'method not allowed' });
  if (Buffer.byteLength(req.body ?? '', 'utf8') > WEBHOOK_MAX_BYTES) return reply(413, { error: 'body too large' });
  const secret = await kvs.getSecret<string>(WEBHOOK_SECRET_KEY);
  if (typeof secret !== 'string' || secret.length === 0) return reply(503, { error: 'payment webhook is not configured' });
  const problem = verify(secret, req.body, header(req, SIGNATURE_HEADER), Math.floor(now.getTime() / 1000));
  if (problem) return reply(401, { error: problem });

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return reply(400, { error: 'body is not JSON' });
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) return reply(400, { error: 'unexpected event shape', issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
  const ev = parsed.data;
  if (ev.type !== 'payment.succeeded') return reply(202, { ignored: ev.type });
  const data = PaymentDataSchema.safeParse(ev.data);
  if (!data.success) return reply(400, { error: 'unexpected payment data', issues: data.error.issues.slice(0, 5).map((i) => `data.${i.path.join('.')}: ${i.message}`) });
  const d = data.data;
  if (!isKnownCurrency(d.currency)) return reply(400, { error: `unknown currency ${d.currency}` });
  if (!isCalendarDate(d.paidAt)) return reply(400, { error: 'paidAt must be YYYY-MM-DD' });
  let amount;
  try {
    amount = parseMoney(d.amount, d.currency);
  } catch (e) {
    return reply(400, { error: (e as Error).message });
  }
  if (amount.amountMinor <= 0n) return reply(400, { error: 'amount must be above zero' });

  const paymentId = `wh-${stableHash(d.paymentId)}`;
  const [event, payment] = await Promise.all([readDoc(webhookEventKey(ev.id), WebhookEventSchema), readPayment(paymentId)]);
  if (event || payment) return reply(409, { error: 'already processed', eventId: ev.id });
  const invoice = await invoiceByNumber(d.invoiceNumber);
  if (!invoice) return reply(400, { error: `unknown invoice ${d.invoiceNumber}` });

  try {
    const marker = docWrite('webhook-event', webhookEventKey(ev.id), { eventId: ev.id, paymentId, receivedAt: now.toISOString() }, 'absent', { sortKey: now.toISOString() });
    const r = await bookPayment({ id: paymentId, source: 'webhook', date: d.paidAt, amount, invoiceId: invoice.value.invoice.id, reference: d.paymentId, extraWrites: [marker] });
    if (r.duplicate) return reply(409, { error: 'already processed', eventId: ev.id });
    await queueInvoicePublish([invoice.value.invoice.id]);
    return reply(200, { received: true, paymentId, invoiceNumber: d.invoiceNumber, status: r.invoice?.invoice.status ?? null });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'NOT_FOUND')) return reply(400, { error: e.message });
    if (e instanceof AppError && e.code === 'CONFLICT') {
      // A concurrent delivery of the same event wins the race: ours is a replay.
      if (await readDoc(webhookEventKey(ev.id), WebhookEventSchema)) return reply(409, { error: 'already processed', eventId: ev.id });
      return reply(409, { error: e.message });
    }
    throw e;
  }
}

/** Stores the provider's shared secret (admins only; the value is never returned). */
export async function configureWebhookSecret(secret: string): Promise<void> {
  await kvs.setSecret(WEBHOOK_SECRET_KEY, secret);
}

export async function webhookConfigured(): Promise<boolean> {
  const s = await kvs.getSecret<string>(WEBHOOK_SECRET_KEY);
  return typeof s === 'string' && s.length > 0;
}
