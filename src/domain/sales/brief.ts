// Brief questionnaires per service type, in the prospect's language, and the check of their answers.
import { z } from 'zod';
import type { Language, ServiceType } from '../model';
import { plainText } from './lead';

type L = Readonly<Record<Language, string>>;

export interface BriefQuestion {
  id: string;
  kind: 'text' | 'long-text' | 'number' | 'choice';
  required: boolean;
  label: L;
  options?: ReadonlyArray<{ id: string; label: L }>;
}

const q = (id: string, kind: BriefQuestion['kind'], required: boolean, en: string, uk: string, ru: string, options?: BriefQuestion['options']): BriefQuestion => ({ id, kind, required, label: { en, uk, ru }, ...(options ? { options } : {}) });

const COMMON: readonly BriefQuestion[] = [
  q('business', 'long-text', true, 'What does your business sell, and to whom?', 'Що продає ваш бізнес і кому?', 'Что продаёт ваш бизнес и кому?'),
  q('goal', 'long-text', true, 'What result do you expect in the first three months?', 'Якого результату ви чекаєте за перші три місяці?', 'Какого результата вы ждёте за первые три месяца?'),
  q('budget', 'number', false, 'Monthly budget you plan for marketing (in your currency)', 'Місячний бюджет на маркетинг (у вашій валюті)', 'Месячный бюджет на маркетинг (в вашей валюте)'),
  q('competitors', 'text', false, 'Competitors you watch (sites)', 'Конкуренти, на яких ви орієнтуєтесь (сайти)', 'Конкуренты, на которых вы ориентируетесь (сайты)'),
];

const REGION: BriefQuestion = q('regions', 'text', true, 'Regions and cities to target', 'Регіони й міста для показу', 'Регионы и города для показа');

const BY_TYPE: Readonly<Record<ServiceType, readonly BriefQuestion[]>> = {
  seo: [
    q('cms', 'text', false, 'Which CMS runs the site?', 'На якій CMS працює сайт?', 'На какой CMS работает сайт?'),
    q('keywords', 'long-text', true, 'Search phrases you want to rank for', 'Пошукові запити, за якими хочете бути в топі', 'Поисковые запросы, по которым хотите быть в топе'),
    REGION,
  ],
  'google-ads': [
    q('ads-before', 'choice', true, 'Have you run Google Ads before?', 'Чи запускали ви Google Ads раніше?', 'Запускали ли вы Google Ads раньше?', [
      { id: 'yes', label: { en: 'Yes', uk: 'Так', ru: 'Да' } },
      { id: 'no', label: { en: 'No', uk: 'Ні', ru: 'Нет' } },
    ]),
    q('conversion', 'text', true, 'What counts as a conversion (call, form, purchase)?', 'Що вважати конверсією (дзвінок, форма, покупка)?', 'Что считать конверсией (звонок, форма, покупка)?'),
    REGION,
  ],
  'yandex-direct': [
    q('conversion', 'text', true, 'What counts as a conversion (call, form, purchase)?', 'Що вважати конверсією (дзвінок, форма, покупка)?', 'Что считать конверсией (звонок, форма, покупка)?'),
    REGION,
  ],
  smm: [
    q('networks', 'text', true, 'Which social networks matter to you?', 'Які соцмережі для вас важливі?', 'Какие соцсети для вас важны?'),
    q('tone', 'long-text', false, 'Tone of voice and topics to avoid', 'Тон спілкування і теми, яких слід уникати', 'Тон общения и темы, которых следует избегать'),
  ],
  'targeted-ads': [
    q('audience', 'long-text', true, 'Describe your audience (age, interests)', 'Опишіть вашу аудиторію (вік, інтереси)', 'Опишите вашу аудиторию (возраст, интересы)'),
    REGION,
  ],
};

/** The questions for a set of services: common ones first, then each type's, without repeats. */
export function briefQuestions(types: readonly ServiceType[]): BriefQuestion[] {
  const out = [...COMMON];
  const seen = new Set(out.map((x) => x.id));
  for (const t of types) {
    for (const x of BY_TYPE[t]) {
      if (seen.has(x.id)) continue;
      seen.add(x.id);
      out.push(x);
    }
  }
  return out;
}

export const BRIEF_ANSWER_MAX = 4000;

export const BriefAnswersSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/), z.string().max(BRIEF_ANSWER_MAX * 2)).refine((r) => Object.keys(r).length <= 60, 'Too many answers');

export type BriefCheck = { ok: true; answers: Record<string, string> } | { ok: false; fields: Record<string, string> };

/** Keeps the answers to known questions only (cleaned), and reports the missing required ones and bad numbers. */
export function checkBriefAnswers(questions: readonly BriefQuestion[], raw: Readonly<Record<string, string>>): BriefCheck {
  const answers: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const question of questions) {
    const v = plainText(raw[question.id] ?? '');
    if (v.length > BRIEF_ANSWER_MAX) fields[question.id] = `At most ${BRIEF_ANSWER_MAX} characters`;
    else if (v.length === 0) {
      if (question.required) fields[question.id] = 'Required';
    } else if (question.kind === 'number' && !/^\d{1,12}(\.\d{1,2})?$/.test(v.replace(/\s/g, ''))) fields[question.id] = 'A number, e.g. 25000';
    else if (question.kind === 'choice' && !question.options?.some((o) => o.id === v)) fields[question.id] = 'Choose one of the options';
    else answers[question.id] = question.kind === 'number' ? v.replace(/\s/g, '') : v;
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, answers };
}
