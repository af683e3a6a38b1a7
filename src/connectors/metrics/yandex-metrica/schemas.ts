import { z } from 'zod';

export const MetricaDimension = z.object({ name: z.string().nullable().optional(), id: z.union([z.string(), z.number()]).nullable().optional() }).passthrough();

export const MetricaData = z.object({
  data: z.array(z.object({ dimensions: z.array(MetricaDimension), metrics: z.array(z.number().nullable()) })),
  total_rows: z.number(),
  total_rows_rounded: z.boolean().optional(),
  sampled: z.boolean().optional(),
  sample_share: z.number().optional(),
  contains_sensitive_data: z.boolean().optional(),
  data_lag: z.number().optional(),
});
export type MetricaData = z.infer<typeof MetricaData>;

export const MetricaError = z.object({
  errors: z.array(z.object({ error_type: z.string(), message: z.string().optional(), location: z.string().optional() })).optional(),
  code: z.number().optional(),
  message: z.string().optional(),
});
