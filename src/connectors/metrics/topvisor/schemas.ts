import { z } from 'zod';

const Id = z.union([z.string(), z.number()]).transform(String);

/** Envelope of every answer: check `errors` even on HTTP 200. */
export const TopvisorEnvelope = z.object({
  result: z.unknown().optional(),
  errors: z.array(z.object({ code: z.union([z.number(), z.string()]).transform(Number), string: z.string().optional(), detail: z.string().optional() })).optional(),
  nextOffset: z.number().optional(),
  total: z.number().optional(),
});

export const TopvisorHistory = z.object({
  existsDates: z.array(z.string()).optional(),
  keywords: z
    .array(
      z.object({
        id: Id,
        name: z.string().optional(),
        group_id: Id.optional(),
        group_name: z.string().optional(),
        positionsData: z.record(z.string(), z.object({ position: z.union([z.string(), z.number()]).optional(), relevant_url: z.string().optional() }).passthrough()).optional(),
      }),
    )
    .optional(),
});
export type TopvisorHistory = z.infer<typeof TopvisorHistory>;

export const TopvisorProjects = z.array(
  z.object({
    id: Id,
    name: z.string().optional(),
    searchers: z.array(z.object({ regions: z.array(z.object({ index: z.number() }).passthrough()).optional() }).passthrough()).optional(),
  }).passthrough(),
);
