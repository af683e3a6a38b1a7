import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { ValidationError } from '../shared/errors';
import {
  AddExtraTasksPayloadSchema,
  AgencySettingsSchema,
  ClientInputSchema,
  FORM_ERROR_KEY,
  MoneySchema,
  MonthRuleSchema,
  PercentSchema,
  ServiceInputSchema,
  ServiceRefPayloadSchema,
  TemplateInputSchema,
  parseOrThrow,
  toFieldErrors,
  validate,
} from './schemas';

function fieldsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  assert.equal(r.success, false, 'expected a validation failure');
  return r.success ? {} : toFieldErrors(r.error);
}

const validClient = {
  name: '  Кавова Хата  ',
  legal: { legalName: '', taxId: '12345678', address: '', bankDetails: undefined },
  language: 'uk',
  currency: 'UAH',
  contacts: [{ name: 'Olena', email: 'olena@kavova.ua', phone: '+380 44 123-45-67', position: '' }],
};

const validService = {
  clientId: 'cl-1',
  type: 'seo',
  name: 'SEO kavova.ua',
  managerAccountId: 'acc-manager',
  headAccountId: 'acc-head',
  team: { 'seo-specialist': ['acc-seo'], copywriter: ['acc-copy'] },
  startDate: '2026-02-15',
  status: 'active',
  billing: { monthlyFee: '1500.00', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: false },
  monthlyHourAllowance: 40,
  reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 5 }, autoSend: false },
};

const validTemplate = {
  serviceType: 'seo',
  title: { en: 'Keyword research', uk: 'Збір семантичного ядра', ru: '' },
  description: { en: 'Collect and cluster queries.' },
  estimateHours: 6.5,
  role: 'seo-specialist',
  rule: { kind: 'every-n-months', n: 3 },
  dueDayOffset: 10,
  checklist: [{ en: 'Export queries' }],
  labels: ['semantics'],
  active: true,
};

describe('ClientInputSchema', () => {
  test('accepts and normalises a valid client', () => {
    const c = ClientInputSchema.parse(validClient);
    assert.equal(c.name, 'Кавова Хата');
    assert.equal(c.legal.legalName, 'Кавова Хата', 'blank legal name falls back to the name');
    assert.equal(c.legal.address, undefined);
    assert.equal(c.contacts[0]?.position, undefined);
  });

  test('maps bad fields to paths with human messages', () => {
    const f = fieldsOf(ClientInputSchema, {
      ...validClient,
      name: '   ',
      language: 'de',
      currency: 'usd',
      contacts: [{ name: 'X', email: 'not-an-email', phone: '12' }],
    });
    assert.equal(f['name'], 'Name is required');
    assert.match(f['language'] ?? '', /en, uk, ru/);
    assert.match(f['currency'] ?? '', /3-letter ISO 4217/);
    assert.equal(f['contacts.0.email'], 'Enter a valid e-mail address');
    assert.match(f['contacts.0.phone'] ?? '', /phone number/);
  });

  test('unknown but well-formed currency says so', () => {
    assert.equal(fieldsOf(ClientInputSchema, { ...validClient, currency: 'XYZ' })['currency'], 'Currency XYZ is not supported');
  });

  test('names longer than 120 characters are refused', () => {
    assert.match(fieldsOf(ClientInputSchema, { ...validClient, name: 'a'.repeat(121) })['name'] ?? '', /at most 120/);
    assert.equal(ClientInputSchema.parse({ ...validClient, name: 'a'.repeat(120) }).name.length, 120);
  });

  test('missing required field reads as required', () => {
    const { language: _omit, ...rest } = validClient;
    assert.match(fieldsOf(ClientInputSchema, rest)['language'] ?? '', /Language must be one of/);
    const { contacts: _c, ...noContacts } = validClient;
    assert.equal(fieldsOf(ClientInputSchema, noContacts)['contacts'], 'Contacts is required');
  });
});

describe('ServiceInputSchema', () => {
  test('accepts a valid service', () => {
    const s = ServiceInputSchema.parse(validService);
    assert.equal(s.billing.monthlyFee, '1500.00');
    assert.deepEqual(s.team, { 'seo-specialist': ['acc-seo'], copywriter: ['acc-copy'] });
  });

  test('unknown service type gets a clear error', () => {
    assert.equal(
      fieldsOf(ServiceInputSchema, { ...validService, type: 'tiktok' })['type'],
      'Unknown service type "tiktok"; expected one of: seo, yandex-direct, google-ads, smm, targeted-ads',
    );
  });

  test('missing manager, fake dates, absurd hours', () => {
    const f = fieldsOf(ServiceInputSchema, {
      ...validService,
      managerAccountId: '',
      startDate: '2026-02-30',
      monthlyHourAllowance: 1000,
    });
    assert.equal(f['managerAccountId'], 'Choose a manager');
    assert.equal(f['startDate'], 'Enter a real date as YYYY-MM-DD');
    assert.match(f['monthlyHourAllowance'] ?? '', /744/);
    assert.match(fieldsOf(ServiceInputSchema, { ...validService, monthlyHourAllowance: -1 })['monthlyHourAllowance'] ?? '', /negative/);
  });

  test('leap day is a real date only in leap years', () => {
    assert.equal(ServiceInputSchema.safeParse({ ...validService, startDate: '2028-02-29' }).success, true);
    assert.equal(ServiceInputSchema.safeParse({ ...validService, startDate: '2027-02-29' }).success, false);
  });

  test('report schedule bounds', () => {
    const f = fieldsOf(ServiceInputSchema, {
      ...validService,
      reportSchedule: { weekly: { enabled: true, weekday: 8 }, monthly: { enabled: true, dayOfMonth: 29 }, autoSend: true },
    });
    assert.equal(f['reportSchedule.weekly.weekday'], 'Weekday must be between 1 and 7');
    assert.equal(f['reportSchedule.monthly.dayOfMonth'], 'Day of month must be between 1 and 28');
  });

  test('unknown role in the team', () => {
    assert.match(fieldsOf(ServiceInputSchema, { ...validService, team: { wizard: ['a'] } })['team'] ?? '', /Unknown role "wizard"/);
  });

  test('billing money and percent rules', () => {
    const f = fieldsOf(ServiceInputSchema, {
      ...validService,
      billing: { monthlyFee: '-5', commissionPercent: '100.5', vatRatePercent: '20.123', prepaidAdBudget: 'yes' },
    });
    assert.equal(f['billing.monthlyFee'], 'Amount cannot be negative');
    assert.equal(f['billing.commissionPercent'], 'Percent cannot exceed 100');
    assert.match(f['billing.vatRatePercent'] ?? '', /at most 2 decimals/);
    assert.equal(f['billing.prepaidAdBudget'], 'Prepaid ad budget must be yes or no');
  });

  test('project key must follow Jira rules; blank means none', () => {
    assert.match(fieldsOf(ServiceInputSchema, { ...validService, jiraProjectKey: 'acme' })['jiraProjectKey'] ?? '', /capital/);
    assert.equal(ServiceInputSchema.parse({ ...validService, jiraProjectKey: '' }).jiraProjectKey, undefined);
    assert.equal(ServiceInputSchema.parse({ ...validService, jiraProjectKey: 'ACMESEO' }).jiraProjectKey, 'ACMESEO');
  });
});

describe('money and percent', () => {
  test('hand-checked amounts', () => {
    assert.equal(MoneySchema.parse('1500'), '1500');
    assert.equal(MoneySchema.parse('1 500,5'), '1500.5');
    assert.equal(MoneySchema.parse('0007.25'), '7.25');
    assert.equal(MoneySchema.parse('0'), '0');
    assert.equal(MoneySchema.parse('999999999999.99'), '999999999999.99');
    assert.equal(MoneySchema.safeParse('1000000000000').success, false);
    assert.equal(MoneySchema.safeParse('1.001').success, false);
    assert.equal(MoneySchema.safeParse('1e5').success, false);
    assert.equal(MoneySchema.safeParse('').success, false);
    assert.equal(PercentSchema.parse('7,5'), '7.5');
    assert.equal(PercentSchema.parse('100'), '100');
    assert.equal(PercentSchema.parse('100.00'), '100.00');
    assert.equal(PercentSchema.safeParse('100.01').success, false);
  });

  test('property: every non-negative amount with ≤ 2 decimals and ≤ 12 digits passes unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.option(fc.integer({ min: 0, max: 99 })), (whole, cents) => {
        const s = cents === null ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`;
        assert.equal(MoneySchema.parse(s), s);
      }),
      { numRuns: 200 },
    );
  });
});

describe('TemplateInputSchema and month rules', () => {
  test('accepts a valid template; blank translations become undefined', () => {
    const t = TemplateInputSchema.parse(validTemplate);
    assert.equal(t.title.ru, undefined);
    assert.equal(t.title.uk, 'Збір семантичного ядра');
  });

  test('estimate rules', () => {
    const est = (h: unknown) => fieldsOf(TemplateInputSchema, { ...validTemplate, estimateHours: h })['estimateHours'];
    assert.equal(est(0), 'Estimate must be more than 0 hours');
    assert.equal(est(-2), 'Estimate must be more than 0 hours');
    assert.equal(est(161), 'Estimate cannot exceed 160 hours');
    assert.equal(est(1.1), 'Estimate must be in steps of 0.25 h (15 minutes)');
    assert.equal(est('3'), 'Estimate must be a number');
    assert.equal(TemplateInputSchema.parse({ ...validTemplate, estimateHours: 0.25 }).estimateHours, 0.25);
    assert.equal(TemplateInputSchema.parse({ ...validTemplate, estimateHours: 160 }).estimateHours, 160);
  });

  test('due day offset, labels, role', () => {
    const f = fieldsOf(TemplateInputSchema, { ...validTemplate, dueDayOffset: 31, labels: ['has space', 'ok'], role: 'astronaut' });
    assert.equal(f['dueDayOffset'], 'Due day offset must be between 0 and 30');
    assert.match(f['labels.0'] ?? '', /no spaces/);
    assert.match(f['role'] ?? '', /Unknown role "astronaut"/);
    assert.match(fieldsOf(TemplateInputSchema, { ...validTemplate, labels: ['retainer-x'] })['labels.0'] ?? '', /reserved/);
    assert.match(fieldsOf(TemplateInputSchema, { ...validTemplate, labels: ['a', 'a'] })['labels'] ?? '', /repeat/);
  });

  test('month rules that never fire or are malformed are refused', () => {
    const rule = (r: unknown) => fieldsOf(MonthRuleSchema, r);
    assert.deepEqual(rule({ kind: 'listed-months', months: [] }), { months: 'List at least one month' });
    assert.equal(rule({ kind: 'listed-months', months: [0] })['months.0'], 'Month must be between 1 and 120');
    assert.equal(rule({ kind: 'listed-months', months: [121] })['months.0'], 'Month must be between 1 and 120');
    assert.equal(rule({ kind: 'listed-months', months: [2, 2] })['months'], 'Months must not repeat');
    assert.equal(rule({ kind: 'every-n-months', n: 1 })['n'], 'Interval (months) must be between 2 and 24');
    assert.equal(rule({ kind: 'every-n-months', n: 3, offset: 3 })['offset'], 'Offset must be between 0 and 2');
    assert.equal(rule({ kind: 'from-month', from: 0 })['from'], 'Starting month must be between 1 and 120');
    assert.match(rule({ kind: 'sometimes' })['kind'] ?? '', /Choose when the task appears/);
    assert.equal(MonthRuleSchema.safeParse({ kind: 'every-n-months', n: 3, offset: 2 }).success, true);
    assert.equal(MonthRuleSchema.safeParse({ kind: 'listed-months', months: [1, 120] }).success, true);
  });

  test('rule errors inside a template carry the rule. prefix', () => {
    assert.equal(fieldsOf(TemplateInputSchema, { ...validTemplate, rule: { kind: 'from-month', from: 200 } })['rule.from'], 'Starting month must be between 1 and 120');
  });
});

describe('agency settings and payloads', () => {
  test('agency settings', () => {
    const ok = { name: 'Agency', language: 'ru', timeZone: 'Europe/Kyiv', baseCurrency: 'UAH', headAccountIds: [], adminAccountIds: ['a1'], moneyVisibility: 'head-admin' };
    assert.equal(AgencySettingsSchema.safeParse(ok).success, true);
    const f = fieldsOf(AgencySettingsSchema, { ...ok, timeZone: 'Mars/Olympus', moneyVisibility: 'all' });
    assert.match(f['timeZone'] ?? '', /Unknown time zone/);
    assert.equal(f['moneyVisibility'], 'Choose who may see money');
  });

  test('add-extra payload', () => {
    assert.equal(AddExtraTasksPayloadSchema.safeParse({ serviceId: 'sv-1', templateIds: ['tt-seo-x'] }).success, true);
    assert.equal(fieldsOf(AddExtraTasksPayloadSchema, { serviceId: 'sv-1', templateIds: [] })['templateIds'], 'Choose at least one task');
    assert.equal(fieldsOf(AddExtraTasksPayloadSchema, { serviceId: 'x', templateIds: ['tt-a'] })['serviceId'], 'Service is not valid');
    assert.equal(fieldsOf(AddExtraTasksPayloadSchema, { templateIds: ['tt-a'] })['serviceId'], 'Service is required');
  });

  test('service ref needs one of its keys', () => {
    assert.equal(fieldsOf(ServiceRefPayloadSchema, {})['serviceId'], 'Give a service or a project key');
    assert.equal(ServiceRefPayloadSchema.safeParse({ projectKey: 'ACMESEO' }).success, true);
  });

  test('validate and parseOrThrow', () => {
    const v = validate(AddExtraTasksPayloadSchema, { serviceId: 'sv-1', templateIds: 'tt-a' });
    assert.equal(v.ok, false);
    if (!v.ok) assert.equal(v.fields['templateIds'], 'Templates must be a list');
    assert.throws(
      () => parseOrThrow(ServiceInputSchema, { ...validService, type: 'tv' }, 'Service'),
      (e: unknown) => e instanceof ValidationError && e.fields?.['type'] !== undefined && e.message.startsWith('Service has 1 problem'),
    );
    assert.equal(parseOrThrow(AddExtraTasksPayloadSchema, { serviceId: 'sv-1', templateIds: ['tt-a'] }).serviceId, 'sv-1');
  });

  test('top-level non-object input is reported under _form', () => {
    assert.ok(fieldsOf(ServiceInputSchema, 'nope')[FORM_ERROR_KEY]);
  });
});
