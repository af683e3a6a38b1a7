// Web trigger `payment-webhook`: a payment provider tells us a payment succeeded. The request is
// verified and booked by the use case (see usecases/money/webhook.ts for the contract); this handler
// only adapts Forge's web trigger request and response shapes and never leaks internals.
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { receiveProviderPayment } from '../usecases/money/webhook';

function respond(statusCode: number, body: Record<string, unknown>): WebTriggerResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

export async function paymentWebhook(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const r = await receiveProviderPayment({ method: String(request?.method ?? ''), headers: request?.headers ?? {}, body: typeof request?.body === 'string' ? request.body : '' }, new Date());
    return respond(r.statusCode, r.body);
  } catch (e) {
    console.error(`payment-webhook failed: ${(e as Error).message}`);
    // 500: the provider retries later; the event was not booked.
    return respond(500, { error: 'temporary failure, retry later' });
  }
}
