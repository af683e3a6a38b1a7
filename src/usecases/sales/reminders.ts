// Brief reminders: a prospect who has not answered gets a reminder after 2 days and a last one after 5.
import { leadsRepo } from '../../storage/sales.repo';
import { queueNotification } from './notify';
import { updateLead } from './pipeline';

const DAY = 86_400_000;
export const REMINDER_AFTER_DAYS = [2, 5] as const;

export async function sendBriefReminders(now: Date): Promise<number> {
  let sent = 0;
  for (const lead of await leadsRepo.byIndex('by-stage', { partition: ['brief-sent'] })) {
    if (!lead.brief.requestedAt || lead.brief.submittedAt) continue;
    const n = lead.brief.reminders;
    const due = REMINDER_AFTER_DAYS[n];
    if (due === undefined || now.getTime() - Date.parse(lead.brief.requestedAt) < due * DAY) continue;
    const step = n === 0 ? 'brief-reminder-1' : 'brief-reminder-2';
    const at = now.toISOString();
    await queueNotification(lead, step, lead.brief.pageId, at);
    await updateLead(lead.id, (l) => ({ ...l, brief: { ...l.brief, reminders: Math.max(l.brief.reminders, n + 1), lastReminderAt: at } }));
    sent++;
  }
  return sent;
}
