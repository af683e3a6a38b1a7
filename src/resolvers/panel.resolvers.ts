// Issue context and issue panel.
import { z } from 'zod';
import { loadAccess } from '../usecases/access';
import { appDeps } from '../usecases/deps';
import { issuePanel } from '../usecases/issue-panel';
import { defineResolver } from './define';

const ProjectContext = z.object({ project: z.object({ key: z.string().max(20) }).partial().optional() }).passthrough();

export const panelResolvers = [
  defineResolver({
    key: 'panel/issue',
    payload: z.object({}).strict(),
    run: async (_p, call) => {
      const ext = ProjectContext.safeParse(call.extension);
      return issuePanel(await loadAccess(call.accountId), ext.success ? ext.data.project?.key : undefined, appDeps().progress);
    },
  }),
];
