// Sales pipeline jobs (issue 9): the lead's Jira issue, live documents, prospect notices, winning a
// lead and what follows it; the daily planner hook sends brief reminders.
import { z } from 'zod';
import { leadsRepo } from '../storage/sales.repo';
import { salesDeps } from '../usecases/sales/deps';
import { deliverNotification, queueNotification } from '../usecases/sales/notify';
import { publishDocuments, syncLeadIssue } from '../usecases/sales/pipeline';
import { sendBriefReminders } from '../usecases/sales/reminders';
import { afterWin, winLead } from '../usecases/sales/win';
import { type PlannerHook, defineJob } from './registry';

const LeadId = z.string().regex(/^ld-[a-z0-9]{6,40}$/);

export const salesJobs = [
  defineJob({
    kind: 'sales-lead-sync',
    schema: z.object({ kind: z.literal('sales-lead-sync'), leadId: LeadId }),
    run: async (m) => {
      await syncLeadIssue(m.leadId, salesDeps());
    },
  }),
  defineJob({
    kind: 'sales-publish',
    schema: z.object({ kind: z.literal('sales-publish'), leadId: LeadId, notify: z.boolean() }),
    run: async (m) => {
      const r = await publishDocuments(m.leadId, salesDeps());
      if (!m.notify) return;
      const at = new Date().toISOString();
      if (r.lead.docs.proposal) await queueNotification(r.lead, 'proposal-ready', r.lead.docs.proposal.pageId, at);
      if (r.lead.docs.contract) await queueNotification(r.lead, 'contract-ready', r.lead.docs.contract.pageId, at);
    },
  }),
  defineJob({
    kind: 'sales-notify',
    schema: z.object({ kind: z.literal('sales-notify'), key: z.string().min(1).max(200) }),
    run: async (m) => {
      await deliverNotification(m.key, salesDeps(), async (leadId) => {
        const lead = await leadsRepo.get(leadId);
        if (lead && !lead.jiraIssueKey) return syncLeadIssue(leadId, salesDeps());
        return lead?.jiraIssueKey ?? null;
      });
    },
  }),
  defineJob({
    kind: 'sales-win',
    schema: z.object({ kind: z.literal('sales-win'), leadId: LeadId, by: z.string().min(1) }),
    run: async (m) => {
      await winLead(m.leadId, { by: m.by }, new Date());
    },
  }),
  defineJob({
    kind: 'sales-after-win',
    schema: z.object({ kind: z.literal('sales-after-win'), leadId: LeadId }),
    run: async (m) => {
      await afterWin(m.leadId);
    },
  }),
  defineJob({
    kind: 'sales-reminders',
    schema: z.object({ kind: z.literal('sales-reminders') }),
    run: async () => {
      const n = await sendBriefReminders(new Date());
      if (n > 0) console.info(`sales: ${n} brief reminder(s) queued`);
    },
  }),
];

export const salesDailyHooks: PlannerHook[] = [
  async () => [{ kind: 'sales-reminders' }],
];
