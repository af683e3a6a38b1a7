// A job is a message kind with its own schema and one bounded unit of work. Features register
// their jobs in their own *.jobs.ts file; all-jobs.ts lists the files.
import type { z } from 'zod';

export interface JobDef<S extends z.ZodType = z.ZodType> {
  kind: string;
  schema: S;
  run(message: z.infer<S>): Promise<void>;
}

/** A message on the jobs queue: `kind` picks the JobDef whose schema validates the rest. */
export type QueueMessage = { kind: string } & Record<string, unknown>;

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef {
  return def as unknown as JobDef;
}

/** Work a scheduled planner adds: each hook returns the messages it wants queued now. */
export type PlannerHook = (now: Date) => Promise<QueueMessage[]>;
