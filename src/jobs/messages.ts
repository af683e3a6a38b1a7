// Messages of the core jobs (service setup, task sets, calibration). One bounded unit each.
import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const ServiceSetupMessage = z.object({
  kind: z.literal('service-setup'),
  serviceId: z.string().min(1),
  jobId: z.string().min(1),
  linkProjectKey: z.string().optional(),
  linkSpaceKey: z.string().optional(),
});
export const TaskSetBatchMessage = z.object({ kind: z.literal('taskset-batch'), month: Month, serviceIds: z.array(z.string().min(1)).min(1).max(50) });
export const TaskSetExtraMessage = z.object({
  kind: z.literal('taskset-extra'),
  serviceId: z.string().min(1),
  month: Month,
  templateIds: z.array(z.string().min(1)).min(1).max(50),
  jobId: z.string().min(1),
});
export const CalibrationRefreshMessage = z.object({ kind: z.literal('calibration-refresh') });

export type JobMessage =
  | z.infer<typeof ServiceSetupMessage>
  | z.infer<typeof TaskSetBatchMessage>
  | z.infer<typeof TaskSetExtraMessage>
  | z.infer<typeof CalibrationRefreshMessage>;
