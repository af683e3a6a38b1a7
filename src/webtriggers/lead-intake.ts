// Web trigger `lead-intake`: the agency website's lead form posts here. Checks and the contract are
// in usecases/sales/intake.ts; this handler adapts Forge's request/response shapes and never leaks internals.
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { receiveLeadForm } from '../usecases/sales/intake';

function respond(statusCode: number, body: Record<string, unknown>): WebTriggerResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

export async function leadIntake(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const r = await receiveLeadForm({ method: String(request?.method ?? ''), headers: request?.headers ?? {}, body: typeof request?.body === 'string' ? request.body : '' }, new Date());
    return respond(r.statusCode, r.body);
  } catch (e) {
    console.error(`lead-intake failed: ${(e as Error).message}`);
    return respond(500, { error: 'temporary failure, retry later' });
  }
}
