// Calibration: template estimates against hours logged on finished tasks, with one-click
// adoption of the suggested estimate.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ServiceType, TemplateCalibrationRow } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { serviceTypeOptions, type Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useCalibration } from '../../hooks/use-data';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { asUiError, call } from '../../services/invokes';
import { notifySuccess } from '../../services/navigation';

const picker = xcss({ width: '260px' });

export function CalibrationTab(): JSX.Element {
  const i18n = useI18n();
  const [type, setType] = useState<ServiceType | 'all'>('all');
  const rows = useCalibration(type === 'all' ? undefined : type);
  const save = useMutation('templates/save');
  const flagError = useErrorFlag();
  const [applying, setApplying] = useState<string | null>(null);
  const options: Option<ServiceType | 'all'>[] = [{ value: 'all', label: i18n.t('calibration.allTypes') }, ...serviceTypeOptions(i18n)];

  const apply = async (row: TemplateCalibrationRow) => {
    if (row.suggestedEstimateHours === null) return;
    setApplying(row.templateId);
    try {
      // The save needs the whole template; read it fresh so nothing else is overwritten.
      const list = await call('templates/list', { serviceType: row.serviceType });
      const t = list.find((x) => x.id === row.templateId);
      if (!t) return;
      const r = await save.run({ ...t, estimateHours: row.suggestedEstimateHours });
      if (r.ok) {
        notifySuccess(i18n.t('calibration.applied'));
        rows.reload();
      } else flagError(r.error);
    } catch (e) {
      flagError(asUiError(e, 'templates/list'));
    } finally {
      setApplying(null);
    }
  };

  const hoursOrDash = (h: number | null) => (h === null ? i18n.t('common.none') : i18n.hours(h));
  const head = {
    cells: [
      { key: 'title', content: i18n.t('calibration.col.template'), isSortable: true, width: 30 },
      { key: 'estimate', content: i18n.t('calibration.col.estimate'), isSortable: true },
      { key: 'samples', content: i18n.t('calibration.col.samples'), isSortable: true },
      { key: 'avg', content: i18n.t('calibration.col.average'), isSortable: true },
      { key: 'median', content: i18n.t('calibration.col.median'), isSortable: true },
      { key: 'suggested', content: i18n.t('calibration.col.suggested') },
    ],
  };
  const tableRows = (rows.data ?? []).map((r) => {
    const delta = r.suggestedEstimateHours === null ? 0 : r.suggestedEstimateHours - r.estimateHours;
    return {
      key: r.templateId,
      cells: [
        { key: r.title, content: <strong>{r.title}</strong> },
        { key: r.estimateHours, content: <span className="rt-num">{i18n.hours(r.estimateHours)}</span> },
        { key: r.samples, content: <span className="rt-num">{r.samples}</span> },
        { key: r.averageLoggedHours ?? -1, content: <span className="rt-num">{hoursOrDash(r.averageLoggedHours)}</span> },
        { key: r.medianLoggedHours ?? -1, content: <span className="rt-num">{hoursOrDash(r.medianLoggedHours)}</span> },
        {
          key: 'suggested',
          content:
            r.suggestedEstimateHours === null ? (
              <span style={{ color: token('color.text.subtlest') }}>{i18n.t('calibration.tooFew')}</span>
            ) : delta === 0 ? (
              <span className="rt-num">{i18n.hours(r.suggestedEstimateHours)}</span>
            ) : (
              <Button appearance="default" isLoading={applying === r.templateId} onClick={() => void apply(r)}>
                {i18n.t('calibration.apply', { n: i18n.number(r.suggestedEstimateHours) })}
              </Button>
            ),
        },
      ],
    };
  });

  return (
    <Stack space="space.200">
      <span className="rt-muted">{i18n.t('calibration.intro')}</span>
      <Inline>
        <Box xcss={picker}>
          <SingleSelect id="cal-type" options={options} value={type} onChange={(v) => setType(v)} ariaLabel={i18n.t('templates.serviceType')} />
        </Box>
      </Inline>
      {rows.error ? <ErrorSection error={rows.error} onRetry={rows.reload} /> : null}
      <DynamicTable
        head={head}
        rows={tableRows}
        isLoading={rows.loading}
        label={i18n.t('admin.tab.calibration')}
        emptyView={<EmptyState title={i18n.t('calibration.empty.title')} body={i18n.t('calibration.empty.body')} />}
        testId="calibration-table"
      />
    </Stack>
  );
}
