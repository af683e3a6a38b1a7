import { z } from 'zod';

export const GscResponse = z.object({
  /** Absent when there is no data. A query without dimensions gives one row without `keys`. */
  rows: z.array(z.object({ keys: z.array(z.string()).optional(), clicks: z.number(), impressions: z.number(), ctr: z.number(), position: z.number() })).optional(),
  responseAggregationType: z.string().optional(),
  metadata: z.object({ firstIncompleteDate: z.string().optional(), firstIncompleteHour: z.string().optional() }).optional(),
});
export type GscResponse = z.infer<typeof GscResponse>;
