// Template catalog, calibration, task sets and background job status.
import { z } from 'zod';
import { AddExtraTasksPayloadSchema, TaskSetGetPayloadSchema, TemplateIdPayloadSchema, TemplateInputSchema, TemplatesListPayloadSchema } from '../domain/schemas';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { getJob } from '../storage/jobs.repo';
import { loadAccess, requireAdminOrHead } from '../usecases/access';
import { calibrationRows } from '../usecases/calibration';
import { appDeps } from '../usecases/deps';
import { requestExtraTasks } from '../usecases/extra-tasks';
import { taskSetView } from '../usecases/task-set-view';
import { deleteTemplate, listTemplates, saveTemplate } from '../usecases/templates';
import { defineResolver } from './define';

export const templateResolvers = [
  defineResolver({
    key: 'templates/list',
    payload: TemplatesListPayloadSchema,
    run: async (p, call) => {
      await loadAccess(call.accountId);
      return listTemplates(p.serviceType);
    },
  }),
  defineResolver({
    key: 'templates/save',
    payload: TemplateInputSchema,
    run: async (p, call) => saveTemplate(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'templates/delete',
    payload: TemplateIdPayloadSchema,
    run: async (p, call) => deleteTemplate(await loadAccess(call.accountId), p.id),
  }),
  defineResolver({
    key: 'templates/calibration',
    payload: TemplatesListPayloadSchema,
    run: async (p, call) => {
      requireAdminOrHead(await loadAccess(call.accountId));
      return calibrationRows(p.serviceType);
    },
  }),
  defineResolver({
    key: 'tasksets/get',
    payload: TaskSetGetPayloadSchema,
    run: async (p, call) => taskSetView(await loadAccess(call.accountId), p.serviceId, p.month, appDeps().progress, appDeps().users),
  }),
  defineResolver({
    key: 'tasksets/addExtra',
    payload: AddExtraTasksPayloadSchema,
    run: async (p, call) => requestExtraTasks(await loadAccess(call.accountId), p.serviceId, p.templateIds),
  }),
  defineResolver({
    key: 'jobs/get',
    payload: z.object({ jobId: z.string().regex(/^job-[A-Za-z0-9]{1,40}$/) }),
    run: async (p, call) => {
      const a = await loadAccess(call.accountId);
      const job = await getJob(p.jobId);
      if (!job) throw new NotFoundError('Job', p.jobId);
      if (job.createdBy && job.createdBy !== a.accountId && !a.isAdmin) throw new ForbiddenError('This job was started by someone else', { jobId: p.jobId });
      const { createdBy: _c, ...status } = job;
      return status;
    },
  }),
];
