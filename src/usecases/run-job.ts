// One queue message → one bounded unit of work.
import type { JobMessage } from '../jobs/messages';
import { RetryLaterError } from '../shared/errors';
import { getAgencySettings } from '../storage/agency.repo';
import { updateJob } from '../storage/jobs.repo';
import { servicesRepo } from '../storage/services.repo';
import { refreshCalibration } from './calibration';
import { appDeps } from './deps';
import { runExtraTasks } from './extra-tasks';
import { queueTaskSetNow } from './services';
import { setupService } from './service-setup';
import { createTaskSets } from './task-sets';

export async function runJob(m: JobMessage): Promise<void> {
  const agency = await getAgencySettings();
  const deps = appDeps();
  const now = (): Date => new Date();
  switch (m.kind) {
    case 'service-setup': {
      await updateJob(m.jobId, { state: 'running' });
      let done = 0;
      const service = await setupService(
        m.serviceId,
        { linkProjectKey: m.linkProjectKey, linkSpaceKey: m.linkSpaceKey },
        { jira: deps.setupJira, confluence: deps.setupConfluence, language: agency.language, onStep: async () => updateJob(m.jobId, { progress: { done: done++, total: 3 } }) },
      ).catch(async (e: unknown) => {
        const s = await servicesRepo.get(m.serviceId);
        if (s) await servicesRepo.put(s.id, { ...s, setup: { state: 'failed', message: (e as Error).message.slice(0, 500) } });
        throw e;
      });
      await updateJob(m.jobId, { state: 'done', progress: { done: 3, total: 3 } });
      if (service.status === 'active') await queueTaskSetNow({ agency }, service);
      return;
    }
    case 'taskset-batch': {
      const r = await createTaskSets(m.month, m.serviceIds, { jira: deps.taskSetJira, language: agency.language, now });
      console.info(`task sets ${m.month}: created ${r.created.length}, done before ${r.alreadyDone.length}, skipped ${r.skipped.length}, failed ${r.failed.length}, issues ${r.issuesCreated}`);
      // Another delivery holds a lock: come back later rather than lose the work.
      if (r.skipped.some((s) => s.reason === 'another run holds the lock')) throw new RetryLaterError('Some task sets are locked by another run', 120, { month: m.month });
      return;
    }
    case 'taskset-extra':
      await runExtraTasks(m, { jira: deps.taskSetJira, language: agency.language, now });
      return;
    case 'calibration-refresh':
      await refreshCalibration(deps.doneTasks, now());
      return;
  }
}
