import { z } from 'zod';

/** Google's standard JSON error envelope (GA4 Data API, Search Console). */
export const GoogleApiError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), message: z.string().optional(), domain: z.string().optional() })).optional(),
  }),
});
