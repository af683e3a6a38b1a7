// The template catalog: anyone on the team may read it; admins edit it.
import type { ServiceType, TemplateTask } from '../domain/model';
import { ruleEverFires } from '../domain/month-rules';
import type { TemplateInput } from '../shared/api';
import { NotFoundError, ValidationError } from '../shared/errors';
import { templatesFor, templatesRepo } from '../storage/templates.repo';
import { requireAdmin, type Access } from './access';
import { newId } from './clients';

export async function listTemplates(type?: ServiceType): Promise<TemplateTask[]> {
  const list = type ? await templatesFor(type) : await templatesRepo.all();
  return list.sort((a, b) => a.serviceType.localeCompare(b.serviceType) || a.title.en.localeCompare(b.title.en));
}

export async function saveTemplate(a: Access, input: TemplateInput): Promise<TemplateTask> {
  requireAdmin(a);
  if (!ruleEverFires(input.rule)) {
    throw new ValidationError('This month rule never creates the task', { rule: 'The rule never fires within 10 years of an engagement' });
  }
  if (input.id && !(await templatesRepo.get(input.id))) throw new NotFoundError('Template', input.id);
  const t: TemplateTask = { ...input, id: input.id ?? newId('tt') };
  await templatesRepo.put(t.id, t);
  return t;
}

export async function deleteTemplate(a: Access, id: string): Promise<{ id: string }> {
  requireAdmin(a);
  if (!(await templatesRepo.get(id))) throw new NotFoundError('Template', id);
  await templatesRepo.delete(id);
  return { id };
}
