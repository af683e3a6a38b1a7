// Notification rules: which money conditions raise an alert for the manager, who hears about lost
// connector access, report publishing and client feedback, and which ratings escalate to the head.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import { MONEY_ALERT_TYPES } from '../../../domain/alert-types';
import type { NotificationRules } from '../../../domain/notification-rules';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { useViewer } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { AdminForm, useSaveForm } from './use-save-form';

const form = xcss({ maxWidth: '640px' });
const CLAIMED = ['moneyAlerts', 'connectorAccess', 'siteProblems', 'reportPublishedToHead', 'feedbackToHead', 'escalationAtOrBelow'];

export function NotificationsTab(): JSX.Element {
  const i18n = useI18n();
  const viewer = useViewer();
  const rules = useResolver('notifications/get', {});
  const [d, setD] = useState<NotificationRules>();
  const save = useSaveForm('notifications/save', { onSaved: setD });
  useEffect(() => setD(rules.data), [rules.data]);
  if (rules.error) return <ErrorSection error={rules.error} onRetry={rules.reload} />;
  if (!d) return <LoadingState />;
  const isAdmin = viewer.data?.isAdmin ?? false;
  const box = (id: string, label: string, checked: boolean, on: (v: boolean) => void) => (
    <Checkbox key={id} name={id} testId={`notify-${id}`} label={label} isChecked={checked} isDisabled={!isAdmin} onChange={(e) => on(e.currentTarget.checked)} />
  );
  return (
    <Box xcss={form} testId="notifications-tab">
      <AdminForm form={save} build={() => d} claimed={CLAIMED} label={i18n.t('admin.tab.notifications')}>
        <Stack space="space.200">
          <span className="rt-muted">{i18n.t('admin.notify.intro')}</span>
          <Heading size="xsmall" as="h3">{i18n.t('admin.notify.money')}</Heading>
          <Stack space="space.050">
            {MONEY_ALERT_TYPES.map((t) => box(t, i18n.t(`dashboard.alert.${t}`), d.moneyAlerts[t], (v) => setD({ ...d, moneyAlerts: { ...d.moneyAlerts, [t]: v } })))}
          </Stack>
          <Heading size="xsmall" as="h3">{i18n.t('admin.notify.connectors')}</Heading>
          <Stack space="space.050">
            {box('access-admins', i18n.t('admin.notify.accessAdmins'), d.connectorAccess.admins, (v) => setD({ ...d, connectorAccess: { ...d.connectorAccess, admins: v } }))}
            {box('access-managers', i18n.t('admin.notify.accessManagers'), d.connectorAccess.managers, (v) => setD({ ...d, connectorAccess: { ...d.connectorAccess, managers: v } }))}
            {box('site-problems', i18n.t('admin.notify.siteProblems'), d.siteProblems, (v) => setD({ ...d, siteProblems: v }))}
          </Stack>
          <Heading size="xsmall" as="h3">{i18n.t('admin.notify.reports')}</Heading>
          <Stack space="space.050">
            {box('published-head', i18n.t('admin.notify.publishedHead'), d.reportPublishedToHead, (v) => setD({ ...d, reportPublishedToHead: v }))}
            {box('feedback-head', i18n.t('admin.notify.feedbackHead'), d.feedbackToHead, (v) => setD({ ...d, feedbackToHead: v }))}
          </Stack>
          <Field id="notify-escalation" label={i18n.t('admin.notify.escalation')} help={i18n.t('admin.notify.escalationHelp')} error={save.err('escalationAtOrBelow')}>
            <Textfield id="notify-escalation" type="number" min={0} max={4} value={String(d.escalationAtOrBelow)} isDisabled={!isAdmin} onChange={(e) => setD({ ...d, escalationAtOrBelow: Number(e.currentTarget.value) })} />
          </Field>
          {isAdmin ? (
            <Box>
              <Button type="submit" appearance="primary" isLoading={save.pending} testId="notify-save">
                {i18n.t('common.save')}
              </Button>
            </Box>
          ) : (
            <span role="note">{i18n.t('admin.adminOnly')}</span>
          )}
        </Stack>
      </AdminForm>
    </Box>
  );
}
