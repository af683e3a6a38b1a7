// Every message the jobs queue carries. One bounded unit of work per message.
import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const JobMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service-setup'), serviceId: z.string().min(1), jobId: z.string().min(1), linkProjectKey: z.string().optional(), linkSpaceKey: z.string().optional() }),
  z.object({ kind: z.literal('taskset-batch'), month: Month, serviceIds: z.array(z.string().min(1)).min(1).max(50) }),
  z.object({ kind: z.literal('calibration-refresh') }),
  z.object({ kind: z.literal('taskset-extra'), serviceId: z.string().min(1), month: Month, templateIds: z.array(z.string().min(1)).min(1).max(50), jobId: z.string().min(1) }),
]);

export type JobMessage = z.infer<typeof JobMessageSchema>;
