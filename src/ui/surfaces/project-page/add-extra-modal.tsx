// "Add extra work": pick active templates of the service's type, start the job, follow it.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack } from '@atlaskit/primitives';
import { useMemo, useState } from 'react';
import type { JobStatus, Service } from '../../../shared/api';
import { localize } from '../../components/localize';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { JobProgress } from '../../components/job-progress';
import { LoadingState } from '../../components/loading-state';
import { useTemplates } from '../../hooks/use-data';
import { useJob } from '../../hooks/use-job';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';

export function AddExtraModal({ service, month, onClose, onDone }: { service: Service; month: string; onClose(): void; onDone(): void }): JSX.Element {
  const i18n = useI18n();
  const templates = useTemplates(service.type);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [started, setStarted] = useState<JobStatus>();
  const add = useMutation('tasksets/addExtra');
  const flagError = useErrorFlag();
  const active = useMemo(() => (templates.data ?? []).filter((t) => t.active), [templates.data]);
  const hours = active.filter((t) => picked.has(t.id)).reduce((s, t) => s + t.estimateHours, 0);
  const watch = useJob(started, (job) => {
    if (job.state === 'done') {
      notifySuccess(i18n.t('extra.done'));
      onDone();
    }
  });

  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async () => {
    const r = await add.run({ serviceId: service.id, templateIds: [...picked] });
    if (r.ok) setStarted(r.data);
    else flagError(r.error);
  };

  const running = !!started && !watch.settled;
  return (
    <ModalTransition>
      <Modal onClose={running ? () => undefined : onClose} width="medium" testId="add-extra-modal">
        <ModalHeader>
          <ModalTitle>{i18n.t('extra.title')}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <p>{i18n.t('extra.intro', { month: i18n.month(month) })}</p>
            {templates.loading ? <LoadingState compact /> : null}
            {templates.error ? <ErrorSection error={templates.error} onRetry={templates.reload} /> : null}
            {templates.data && active.length === 0 ? <p>{i18n.t('extra.none')}</p> : null}
            {!started ? (
              <Stack space="space.050">
                {active.map((t) => (
                  <Checkbox
                    key={t.id}
                    isChecked={picked.has(t.id)}
                    onChange={() => toggle(t.id)}
                    label={`${localize(t.title, i18n.lang)} · ${i18n.role(t.role)} · ${i18n.hours(t.estimateHours)}`}
                    name="extra-template"
                    value={t.id}
                  />
                ))}
              </Stack>
            ) : null}
            {started && watch.job ? <JobProgress job={watch.job} runningLabel={i18n.t('extra.running')} doneLabel={i18n.t('extra.done')} failedTitle={i18n.t('extra.failed')} /> : null}
            {watch.error ? <ErrorSection error={watch.error} /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {!started ? <span className="rt-muted rt-small" style={{ marginRight: 'auto' }}>{i18n.t('extra.selected', { n: picked.size, hours: i18n.number(hours) })}</span> : null}
          <Button appearance="subtle" onClick={onClose} isDisabled={running}>
            {started ? i18n.t('common.close') : i18n.t('common.cancel')}
          </Button>
          {!started ? (
            <Button appearance="primary" onClick={() => void submit()} isDisabled={picked.size === 0} isLoading={add.pending}>
              {i18n.t('extra.submit')}
            </Button>
          ) : null}
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
