// Queue messages of the money jobs (their schemas; the jobs live in src/jobs/money.jobs.ts).
import { z } from 'zod';
import type { QueueMessage } from '../../jobs/registry';
import { pushJobs } from '../../platform/queue';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ServiceIds = z.array(z.string().min(1)).min(1).max(25);

export const PublishInvoiceMessage = z.object({ kind: z.literal('money-publish-invoice'), invoiceId: z.string().min(1) });
export const PublishIndexMessage = z.object({ kind: z.literal('money-publish-index'), clientId: z.string().min(1) });
export const PublishActMessage = z.object({ kind: z.literal('money-publish-act'), serviceId: z.string().min(1), period: Month });
/** Monthly fee accrual + fee invoice for `period` (on/after the 1st). */
export const MonthlyBillingMessage = z.object({ kind: z.literal('money-monthly-billing'), period: Month, today: Day, serviceIds: ServiceIds });
/** Commission on the previous month's spend + the act of that month (on/after the 3rd). */
export const MonthCloseMessage = z.object({ kind: z.literal('money-month-close'), period: Month, today: Day, serviceIds: ServiceIds });
export const SpendSyncMessage = z.object({ kind: z.literal('money-spend-sync'), from: Day, to: Day, serviceIds: ServiceIds });
export const AlertsMessage = z.object({ kind: z.literal('money-alerts'), today: Day, serviceIds: ServiceIds });
export const AgeInvoicesMessage = z.object({ kind: z.literal('money-age-invoices'), today: Day });
export const WorklogSyncMessage = z.object({ kind: z.literal('money-worklog-sync') });
export const ProfitMessage = z.object({ kind: z.literal('money-profit'), period: Month, serviceIds: ServiceIds });

const BankRowJson = z.object({
  line: z.number().int(),
  date: Day,
  amount: z.object({ amountMinor: z.string().regex(/^\d{1,30}$/), currency: z.string() }),
  payer: z.string(),
  purpose: z.string(),
  bankRef: z.string().nullable(),
  paymentId: z.string().min(1),
});
export type BankRowJson = z.infer<typeof BankRowJson>;
export const BankChunkMessage = z.object({ kind: z.literal('money-bank-chunk'), importId: z.string().min(1), chunk: z.number().int().nonnegative(), rows: z.array(BankRowJson).min(1).max(25), createdBy: z.string() });

/** Queues (best effort) the re-render of invoices whose state changed. */
export async function queueInvoicePublish(invoiceIds: readonly string[]): Promise<void> {
  const unique = [...new Set(invoiceIds)];
  if (unique.length === 0) return;
  try {
    await pushJobs(unique.map((invoiceId): QueueMessage => ({ kind: 'money-publish-invoice', invoiceId })));
  } catch (e) {
    // The daily sweep republishes stale pages (document signature ≠ invoice state).
    console.warn(`money: could not queue the page update of ${unique.length} invoice(s): ${(e as Error).message}`);
  }
}
