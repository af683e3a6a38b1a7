// zod shapes of the Webmaster v4 answers we read. Unknown keys pass through: Yandex adds fields.
import { z } from 'zod';

/** `{date, value}`: the date is a datetime with an offset, `2016-01-01T00:00:00,000+0300` or `…T00:00:00.000+03:00`. */
export const WmPoint = z.object({ date: z.string(), value: z.number().nullable() });
export type WmPoint = z.infer<typeof WmPoint>;

export const WmUser = z.object({ user_id: z.union([z.number(), z.string()]) });

export const WmHost = z.object({
  host_id: z.string(),
  ascii_host_url: z.string().optional(),
  unicode_host_url: z.string().optional(),
  verified: z.boolean().optional(),
  main_mirror: z.object({ host_id: z.string() }).passthrough().nullable().optional(),
  host_data_status: z.string().optional(),
  host_display_name: z.string().optional(),
});
export type WmHost = z.infer<typeof WmHost>;
export const WmHosts = z.object({ hosts: z.array(WmHost) });

/** indicators: name → series. Used by all/history, {query}/history and events/history. */
export const WmIndicatorSeries = z.record(z.string(), z.array(WmPoint));
export const WmIndicatorsHistory = z.object({ indicators: WmIndicatorSeries.default({}) });
export type WmIndicatorsHistory = z.infer<typeof WmIndicatorsHistory>;

/** One query's history: the docs show it bare and (in the JSON example) wrapped in `queries: [...]`. */
export const WmQueryHistoryItem = z.object({ query_id: z.union([z.string(), z.number()]).optional(), query_text: z.string().optional(), indicators: WmIndicatorSeries.default({}) });
export const WmQueryHistory = z.union([z.object({ queries: z.array(WmQueryHistoryItem) }), WmQueryHistoryItem]);
export type WmQueryHistory = z.infer<typeof WmQueryHistory>;

export const WmPopular = z.object({
  queries: z.array(
    z.object({
      query_id: z.union([z.string(), z.number()]),
      query_text: z.string(),
      /** A value is omitted when it is undefined (no clicks → no AVG_CLICK_POSITION). */
      indicators: z.record(z.string(), z.number().nullable()).default({}),
    }),
  ),
  date_from: z.string().optional(),
  date_to: z.string().optional(),
  count: z.number().optional(),
});
export type WmPopular = z.infer<typeof WmPopular>;

export const WmInSearchHistory = z.object({ history: z.array(WmPoint).default([]) });
export const WmSqiHistory = z.object({ points: z.array(WmPoint).default([]) });

export const WM_SEVERITIES = ['FATAL', 'CRITICAL', 'POSSIBLE_PROBLEM', 'RECOMMENDATION'] as const;
export type WmSeverity = (typeof WM_SEVERITIES)[number];

/** Diagnostics: `problems` is an object keyed by problem type, not an array. */
export const WmDiagnostics = z.object({
  problems: z
    .record(
      z.string(),
      z.object({
        severity: z.string(),
        state: z.string(),
        last_state_update: z.string().nullable().optional(),
      }),
    )
    .default({}),
});
export type WmDiagnostics = z.infer<typeof WmDiagnostics>;

export const WmError = z.object({ error_code: z.string(), error_message: z.string().optional(), available_user_id: z.number().optional() }).passthrough();
