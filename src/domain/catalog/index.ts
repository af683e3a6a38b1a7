// The template catalog shipped with the app: realistic default work for each of the five service
// types, in English, Ukrainian and Russian. Agencies edit their own copy; these ids stay stable.
import type { ServiceType, TemplateTask } from '../model';
import { GOOGLE_ADS_TEMPLATES } from './google-ads';
import { SEO_TEMPLATES } from './seo';
import { SMM_TEMPLATES } from './smm';
import { TARGETED_ADS_TEMPLATES } from './targeted-ads';
import { YANDEX_DIRECT_TEMPLATES } from './yandex-direct';

const BY_TYPE: Record<ServiceType, readonly TemplateTask[]> = {
  seo: SEO_TEMPLATES,
  'yandex-direct': YANDEX_DIRECT_TEMPLATES,
  'google-ads': GOOGLE_ADS_TEMPLATES,
  smm: SMM_TEMPLATES,
  'targeted-ads': TARGETED_ADS_TEMPLATES,
};

/** Every shipped template, grouped by service type in SERVICE_TYPES order, catalog order within a type. */
export const DEFAULT_CATALOG: TemplateTask[] = Object.values(BY_TYPE).flat();

/** The shipped templates of one service type (fresh copies, safe to edit). */
export function defaultTemplatesFor(type: ServiceType): TemplateTask[] {
  return BY_TYPE[type].map((t) => structuredClone(t));
}

export { templateId } from './define';
