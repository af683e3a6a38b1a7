import { z } from 'zod';

const Value = z.object({ value: z.string().optional() });

export const Ga4Report = z.object({
  dimensionHeaders: z.array(z.object({ name: z.string() })).optional(),
  metricHeaders: z.array(z.object({ name: z.string(), type: z.string().optional() })).optional(),
  /** Absent when there is no data. */
  rows: z.array(z.object({ dimensionValues: z.array(Value).optional(), metricValues: z.array(Value).optional() })).optional(),
  rowCount: z.number().optional(),
  metadata: z
    .object({
      currencyCode: z.string().optional(),
      timeZone: z.string().optional(),
      dataLossFromOtherRow: z.boolean().optional(),
      subjectToThresholding: z.boolean().optional(),
      samplingMetadatas: z.array(z.object({ samplesReadCount: z.string().optional(), samplingSpaceSize: z.string().optional() })).optional(),
      emptyReason: z.string().optional(),
    })
    .passthrough()
    .optional(),
  kind: z.string().optional(),
});
export type Ga4Report = z.infer<typeof Ga4Report>;

export { GoogleApiError } from '../shared/google-error';
