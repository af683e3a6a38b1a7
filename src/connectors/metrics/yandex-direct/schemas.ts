import { z } from 'zod';

/** JSON error of the Reports endpoint (any HTTP status). */
export const DirectErrorBody = z.object({
  error: z.object({
    request_id: z.string().optional(),
    error_code: z.union([z.number(), z.string()]),
    error_string: z.string().optional(),
    error_detail: z.string().optional(),
  }),
});

export const Live4Account = z.object({
  AccountID: z.union([z.number(), z.string()]).optional(),
  Login: z.string(),
  Amount: z.string(),
  AmountAvailableForTransfer: z.string().optional(),
  Currency: z.string().optional(),
});

export const Live4Response = z.union([
  z.object({
    data: z.object({
      Accounts: z.array(Live4Account).optional(),
      ActionsResult: z
        .array(z.object({ Login: z.string().optional(), Errors: z.array(z.object({ FaultCode: z.union([z.number(), z.string()]), FaultString: z.string().optional(), FaultDetail: z.string().optional() })).optional() }))
        .optional(),
    }),
  }),
  z.object({ error_code: z.union([z.number(), z.string()]), error_str: z.string().optional(), error_detail: z.string().optional() }),
]);
