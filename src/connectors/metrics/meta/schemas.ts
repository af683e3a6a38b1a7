import { z } from 'zod';

/** Every number is a string; `actions` is absent when the row has none. */
export const MetaInsightRow = z.object({
  campaign_id: z.string().optional(),
  campaign_name: z.string().optional(),
  account_currency: z.string().optional(),
  spend: z.string().optional(),
  impressions: z.string().optional(),
  clicks: z.string().optional(),
  ctr: z.string().optional(),
  actions: z.array(z.object({ action_type: z.string(), value: z.string() }).passthrough()).optional(),
  date_start: z.string(),
  date_stop: z.string().optional(),
});
export type MetaInsightRow = z.infer<typeof MetaInsightRow>;

export const MetaInsightsPage = z.object({
  data: z.array(MetaInsightRow),
  paging: z.object({ cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(), next: z.string().optional(), previous: z.string().optional() }).optional(),
});
export type MetaInsightsPage = z.infer<typeof MetaInsightsPage>;

export const MetaAsyncRun = z.object({ report_run_id: z.string() });

export const MetaAsyncStatus = z.object({
  id: z.string(),
  async_status: z.string(),
  async_percent_completion: z.number().optional(),
});

export const MetaError = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export const MetaAccount = z.object({ id: z.string(), name: z.string().optional(), currency: z.string().optional(), timezone_name: z.string().optional() });

export const MetaToken = z.object({ access_token: z.string(), expires_in: z.number().optional() });
