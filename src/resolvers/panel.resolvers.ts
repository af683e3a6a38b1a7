// Issue context and issue panel: one precomputed snapshot per service, cut to what the caller may see.
import { z } from 'zod';
import { issuePanel } from '../usecases/issue-panel';
import { defineResolver } from './define';

const ProjectContext = z.object({ project: z.object({ key: z.string().max(20) }).partial().optional() }).passthrough();

export const panelResolvers = [
  defineResolver({
    key: 'panel/issue',
    payload: z.object({}).strict(),
    run: async (_p, call) => {
      const ext = ProjectContext.safeParse(call.extension);
      return issuePanel(call.accountId, ext.success ? ext.data.project?.key : undefined);
    },
  }),
];
