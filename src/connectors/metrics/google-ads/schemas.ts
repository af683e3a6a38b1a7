// Shapes of Google Ads REST JSON. int64 fields are strings; doubles are numbers; zero-valued fields
// may be absent (proto3 JSON), so every metric is optional.
import { z } from 'zod';

const Int64 = z.string().regex(/^-?\d+$/);

export const AdsRow = z.object({
  campaign: z.object({ resourceName: z.string().optional(), id: Int64, name: z.string().optional(), status: z.string().optional() }).optional(),
  customer: z
    .object({ id: Int64.optional(), descriptiveName: z.string().optional(), currencyCode: z.string().optional(), timeZone: z.string().optional() })
    .optional(),
  metrics: z
    .object({
      impressions: Int64.optional(),
      clicks: Int64.optional(),
      costMicros: Int64.optional(),
      conversions: z.number().optional(),
      conversionsValue: z.number().optional(),
      ctr: z.number().optional(),
      averageCpc: z.number().optional(),
    })
    .optional(),
  segments: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
  accountBudget: z
    .object({
      id: Int64.optional(),
      status: z.string().optional(),
      approvedSpendingLimitMicros: Int64.optional(),
      approvedSpendingLimitType: z.string().optional(),
      adjustedSpendingLimitMicros: Int64.optional(),
      amountServedMicros: Int64.optional(),
    })
    .optional(),
});
export type AdsRow = z.infer<typeof AdsRow>;

/** One `searchStream` batch or one `search` page. A zero-row answer has no `results` key at all. */
export const AdsBatch = z.object({
  results: z.array(AdsRow).optional(),
  fieldMask: z.string().optional(),
  requestId: z.string().optional(),
  queryResourceConsumption: z.string().optional(),
  nextPageToken: z.string().optional(),
  totalResultsCount: z.string().optional(),
});
export type AdsBatch = z.infer<typeof AdsBatch>;

export const AdsFailureItem = z.object({
  errorCode: z.record(z.string(), z.string()).optional(),
  message: z.string().optional(),
  details: z.object({ quotaErrorDetails: z.object({ rateScope: z.string().optional(), rateName: z.string().optional(), retryDelay: z.string().optional() }).optional() }).optional(),
});

export const GoogleErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    status: z.string().optional(),
    message: z.string().optional(),
    details: z.array(z.object({ '@type': z.string().optional(), errors: z.array(AdsFailureItem).optional(), requestId: z.string().optional() }).passthrough()).optional(),
  }),
});
export type GoogleErrorBody = z.infer<typeof GoogleErrorBody>;
