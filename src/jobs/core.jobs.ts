// Core jobs: service setup, monthly task sets, extra tasks, estimate calibration.
import { getAgencySettings } from '../storage/agency.repo';
import { updateJob } from '../storage/jobs.repo';
import { servicesRepo } from '../storage/services.repo';
import { RetryLaterError } from '../shared/errors';
import { refreshCalibration } from '../usecases/calibration';
import { appDeps } from '../usecases/deps';
import { runExtraTasks } from '../usecases/extra-tasks';
import { queueTaskSetNow } from '../usecases/services';
import { setupService } from '../usecases/service-setup';
import { createTaskSets } from '../usecases/task-sets';
import { CalibrationRefreshMessage, ServiceSetupMessage, TaskSetBatchMessage, TaskSetExtraMessage } from './messages';
import { defineJob } from './registry';

const now = (): Date => new Date();

export const coreJobs = [
  defineJob({
    kind: 'service-setup',
    schema: ServiceSetupMessage,
    run: async (m) => {
      const agency = await getAgencySettings();
      const deps = appDeps();
      await updateJob(m.jobId, { state: 'running' });
      let done = 0;
      const service = await setupService(
        m.serviceId,
        { linkProjectKey: m.linkProjectKey, linkSpaceKey: m.linkSpaceKey },
        { jira: deps.setupJira, confluence: deps.setupConfluence, draftsPage: deps.reportDrafts, language: agency.language, onStep: async () => updateJob(m.jobId, { progress: { done: done++, total: 4 } }) },
      ).catch(async (e: unknown) => {
        const s = await servicesRepo.get(m.serviceId);
        if (s) await servicesRepo.put(s.id, { ...s, setup: { state: 'failed', message: (e as Error).message.slice(0, 500) } });
        throw e;
      });
      await updateJob(m.jobId, { state: 'done', progress: { done: 4, total: 4 } });
      if (service.status === 'active') await queueTaskSetNow({ agency }, service);
    },
  }),
  defineJob({
    kind: 'taskset-batch',
    schema: TaskSetBatchMessage,
    run: async (m) => {
      const agency = await getAgencySettings();
      const r = await createTaskSets(m.month, m.serviceIds, { jira: appDeps().taskSetJira, language: agency.language, now });
      console.info(`task sets ${m.month}: created ${r.created.length}, done before ${r.alreadyDone.length}, skipped ${r.skipped.length}, failed ${r.failed.length}, issues ${r.issuesCreated}`);
      // Another delivery holds a lock: come back later rather than lose the work.
      if (r.skipped.some((s) => s.reason === 'another run holds the lock')) throw new RetryLaterError('Some task sets are locked by another run', 120, { month: m.month });
    },
  }),
  defineJob({
    kind: 'taskset-extra',
    schema: TaskSetExtraMessage,
    run: async (m) => {
      const agency = await getAgencySettings();
      await runExtraTasks(m, { jira: appDeps().taskSetJira, language: agency.language, now });
    },
  }),
  defineJob({
    kind: 'calibration-refresh',
    schema: CalibrationRefreshMessage,
    run: async () => {
      await refreshCalibration(appDeps().doneTasks, now());
    },
  }),
];
