// One hook per read the surfaces need; all go through useResolver → services/invokes.
import type { ServiceType } from '../../shared/api';
import { useResolver } from './use-resolver';

const EMPTY: Record<string, never> = {};

export const useViewer = () => useResolver('app/viewer', EMPTY);
export const useAgency = () => useResolver('agency/get', EMPTY);
export const useUsers = () => useResolver('users/list', EMPTY);
export const useClients = () => useResolver('clients/list', EMPTY);
export const useIssuePanel = () => useResolver('panel/issue', EMPTY);

export const useServices = (mine: boolean) => useResolver('services/list', { mine });

/** The service behind a Jira project (project page); `null` waits. */
export const useServiceByProject = (projectKey: string | null) =>
  useResolver('services/get', projectKey ? { projectKey } : null);

export const useTaskSet = (serviceId: string | null, month: string | undefined) =>
  useResolver('tasksets/get', serviceId ? (month ? { serviceId, month } : { serviceId }) : null);

export const useTemplates = (serviceType: ServiceType | null) =>
  useResolver('templates/list', serviceType ? { serviceType } : null);

export const useCalibration = (serviceType: ServiceType | undefined) =>
  useResolver('templates/calibration', serviceType ? { serviceType } : {});
