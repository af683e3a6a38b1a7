// What the issue context and issue panel show next to an issue of a service project. A load reads
// exactly two KVS keys — the service's precomputed snapshot (by project key) and the agency settings
// (admins, heads, money visibility) — and calls no Jira API. The project key comes from the browser and
// is untrusted: it only picks the snapshot; the caller is checked against the people stored in it, and
// people outside the service get nothing. Nothing is cached between invocations.
import type { IssuePanelResult } from '../shared/api';
import { ForbiddenError } from '../shared/errors';
import { getAgencySettings } from '../storage/agency.repo';
import { enqueueFirstPanel } from './panels/enqueue';
import { PROJECT_KEY_PATTERN, readPanel } from './panels/store';
import { panelView } from './panels/view';

export async function issuePanel(accountId: string | null, projectKey: string | undefined): Promise<IssuePanelResult> {
  if (!accountId) throw new ForbiddenError('Sign in to use Retainer');
  if (!projectKey || !PROJECT_KEY_PATTERN.test(projectKey)) return null;
  const [stored, agency] = await Promise.all([readPanel(projectKey), getAgencySettings()]);
  if (!stored) {
    // Not computed yet (new service, first deployment): queue it; the panel polls meanwhile.
    await enqueueFirstPanel(projectKey);
    return { state: 'preparing' };
  }
  if (stored.kind === 'none') return null;
  return panelView(stored, { accountId, agency });
}
