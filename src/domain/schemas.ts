// Validation of everything that reaches us from outside for clients, services and the template
// catalog. Each schema's output is exactly the shared API type (checked at the bottom), and every
// failure maps to a field path with a message a person can act on (`toFieldErrors`).
import { z } from 'zod';
import { ValidationError } from '../shared/errors';
import type { AgencySettings, ClientInput, ServiceInput, TemplateInput, ApiPayload } from '../shared/api';
import { LANGUAGES, ROLES, SERVICE_STATUSES, SERVICE_TYPES } from './model';
import { RULE_HORIZON_MONTHS, isCalendarDate, ruleEverFires } from './month-rules';

// ---------------------------------------------------------------------------------------------
// Limits (exported so the UI can show them next to fields)

export const LIMITS = {
  nameMax: 120,
  legalNameMax: 200,
  moneyIntegerDigits: 12,
  allowanceHoursMax: 744, // 31 days × 24 h
  estimateHoursMax: 160,
  estimateStep: 0.25,
  dueDayOffsetMax: 30,
  everyNMin: 2,
  everyNMax: 24,
  ruleMonthMax: RULE_HORIZON_MONTHS,
  templateLabelsMax: 10,
  checklistMax: 30,
  teamPerRoleMax: 20,
  extraTemplatesMax: 50,
} as const;

/** ISO 4217 codes we accept; the agencies we serve bill in these. */
export const KNOWN_CURRENCIES = [
  'UAH', 'USD', 'EUR', 'RUB', 'KZT', 'PLN', 'GBP', 'CHF', 'CZK', 'HUF', 'RON', 'BGN', 'SEK', 'NOK', 'DKK',
  'MDL', 'GEL', 'AMD', 'AZN', 'BYN', 'UZS', 'KGS', 'TJS', 'TRY', 'ILS', 'AED', 'CAD', 'AUD', 'NZD', 'JPY',
  'CNY', 'INR', 'SGD', 'HKD', 'BRL', 'MXN',
] as const;

// ---------------------------------------------------------------------------------------------
// Building blocks

type TypeName = 'text' | 'number' | 'boolean' | 'list' | 'object';
const TYPE_WORD: Record<TypeName, string> = {
  text: 'text',
  number: 'a number',
  boolean: 'yes or no',
  list: 'a list',
  object: 'a group of fields',
};

/** Error for a wrong base type: "required" when missing, otherwise what was expected. */
const typeError =
  (label: string, type: TypeName) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined || iss.input === null ? `${label} is required` : `${label} must be ${TYPE_WORD[type]}`;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: typeError(label, 'text') })
    .trim()
    .min(min, min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`);

/** Optional text: blank (or missing) becomes undefined, so forms can send "". */
const optionalText = (label: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: typeError(label, 'text') })
      .trim()
      .max(max, `${label} must be at most ${max} characters`)
      .optional(),
  );

function blankToUndefined(v: unknown): unknown {
  if (v === null) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return typeof v === 'string' ? v.trim() : v;
}

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: typeError(label, 'number') })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

const bool = (label: string) => z.boolean({ error: typeError(label, 'boolean') });

const ACCOUNT_ID_RE = /^[A-Za-z0-9:_-]{1,128}$/;
const accountId = (label: string) =>
  z
    .string({ error: typeError(label, 'text') })
    .trim()
    .min(1, label === 'Manager' ? 'Choose a manager' : `Choose a ${label.toLowerCase()}`)
    .regex(ACCOUNT_ID_RE, `${label} is not a valid Atlassian account`);

const uniqueList = <T extends z.ZodType>(item: T, label: string, max: number) =>
  z
    .array(item, { error: typeError(label, 'list') })
    .max(max, `${label}: at most ${max}`)
    .refine((xs) => new Set(xs).size === xs.length, `${label} must not repeat`);

const entityId = (prefix: string, label: string) =>
  z
    .string({ error: typeError(label, 'text') })
    .regex(new RegExp(`^${prefix}-[A-Za-z0-9_-]{1,80}$`), `${label} is not valid`);

export const ClientIdSchema = entityId('cl', 'Client');
export const ServiceIdSchema = entityId('sv', 'Service');
export const TemplateIdSchema = entityId('tt', 'Template');

/** A rejected value as an error message may quote it: JSON, cut to a few dozen characters. */
function quoted(input: unknown): string {
  const s = JSON.stringify(input) ?? String(input);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export const LanguageSchema = z.enum(LANGUAGES, {
  error: (iss) => `Language must be one of ${LANGUAGES.join(', ')}${iss.input === undefined ? '' : ` (got ${quoted(iss.input)})`}`,
});

const KNOWN_CURRENCY_SET: ReadonlySet<string> = new Set(KNOWN_CURRENCIES);

// Output stays `string` (the shared types say so); the list is enforced by the check.
export const CurrencySchema = z
  .string({ error: typeError('Currency', 'text') })
  .trim()
  .superRefine((code, ctx) => {
    if (KNOWN_CURRENCY_SET.has(code)) return;
    ctx.addIssue({
      code: 'custom',
      message: /^[A-Z]{3}$/.test(code)
        ? `Currency ${code} is not supported`
        : 'Currency must be a 3-letter ISO 4217 code such as UAH, USD or EUR',
    });
  });

export const ServiceTypeSchema = z.enum(SERVICE_TYPES, {
  error: (iss) =>
    iss.input === undefined
      ? 'Service type is required'
      : `Unknown service type ${quoted(iss.input)}; expected one of: ${SERVICE_TYPES.join(', ')}`,
});

export const RoleSchema = z.enum(ROLES, {
  error: (iss) => `Unknown role ${quoted(iss.input)}; expected one of: ${ROLES.join(', ')}`,
});

export const ServiceStatusSchema = z.enum(SERVICE_STATUSES, {
  error: () => `Status must be one of: ${SERVICE_STATUSES.join(', ')}`,
});

export const CalendarDateSchema = z
  .string({ error: typeError('Date', 'text') })
  .trim()
  .refine(isCalendarDate, 'Enter a real date as YYYY-MM-DD');

export const MonthSchema = z
  .string({ error: typeError('Month', 'text') })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Month must be YYYY-MM');

export const JiraProjectKeySchema = z
  .string({ error: typeError('Project key', 'text') })
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'Project key: 2–10 capital Latin letters or digits, starting with a letter');

export const SpaceKeySchema = z
  .string({ error: typeError('Space key', 'text') })
  .trim()
  .regex(/^[A-Za-z0-9]{1,255}$/, 'Space key: Latin letters and digits only');

/** Normalises "1 500,5" → "1500.5": spaces are thousands separators, a comma is the decimal point. */
function normaliseDecimal(v: unknown): unknown {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return v;
  const s = v.replace(/[\s\u00a0\u202f]/g, '');
  return /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
}

/** Strips leading zeros of the integer part ("007.5" → "7.5"). */
const canonicalDecimal = (s: string): string => s.replace(/^0+(?=\d)/, '');

export const MoneySchema = z.preprocess(
  normaliseDecimal,
  z
    .string({ error: typeError('Amount', 'text') })
    .refine((s) => !s.startsWith('-'), 'Amount cannot be negative')
    .refine(
      (s) => s.startsWith('-') || /^\d+(\.\d+)?$/.test(s),
      'Enter an amount such as 1500 or 1500.50',
    )
    .refine((s) => !/^\d+\.\d{3,}$/.test(s), 'At most 2 digits after the decimal point')
    .refine(
      (s) => !/^\d+(\.\d+)?$/.test(s) || canonicalDecimal(s.split('.')[0] ?? '').length <= LIMITS.moneyIntegerDigits,
      `Amount is too large (at most ${LIMITS.moneyIntegerDigits} digits before the decimal point)`,
    )
    .transform(canonicalDecimal),
);

export const PercentSchema = z.preprocess(
  normaliseDecimal,
  z
    .string({ error: typeError('Percent', 'text') })
    .refine((s) => /^\d+(\.\d{1,2})?$/.test(s), 'Enter a percent from 0 to 100 with at most 2 decimals')
    .refine((s) => !/^\d+(\.\d+)?$/.test(s) || Number(s) <= 100, 'Percent cannot exceed 100')
    .transform(canonicalDecimal),
);

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const optionalEmail = z.preprocess(
  blankToUndefined,
  z
    .string({ error: typeError('E-mail', 'text') })
    .max(254, 'E-mail is too long')
    .regex(EMAIL_RE, 'Enter a valid e-mail address')
    .optional(),
);

const optionalPhone = z.preprocess(
  blankToUndefined,
  z
    .string({ error: typeError('Phone', 'text') })
    .regex(/^\+?[\d\s().-]{5,30}$/, 'Enter a phone number such as +380 44 123 45 67')
    .refine((s) => {
      const digits = s.replace(/\D/g, '').length;
      return digits >= 5 && digits <= 15;
    }, 'A phone number has 5 to 15 digits')
    .optional(),
);

// ---------------------------------------------------------------------------------------------
// Localized text and month rules

const localized = (label: string, max: number, enMin: number) =>
  z.object(
    {
      en: text(`${label} (English)`, enMin, max),
      uk: optionalText(`${label} (Ukrainian)`, max),
      ru: optionalText(`${label} (Russian)`, max),
    },
    { error: typeError(label, 'object') },
  );

const ruleMonth = (label: string) => int(label, 1, LIMITS.ruleMonthMax);

export const MonthRuleSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('first-month') }),
      z.object({ kind: z.literal('every-month') }),
      z
        .object({
          kind: z.literal('every-n-months'),
          n: int('Interval (months)', LIMITS.everyNMin, LIMITS.everyNMax),
          offset: int('Offset (months)', 0, LIMITS.everyNMax - 1).optional(),
        })
        .superRefine((r, ctx) => {
          if (r.offset !== undefined && r.offset >= r.n)
            ctx.addIssue({ code: 'custom', path: ['offset'], message: `Offset must be between 0 and ${r.n - 1}` });
        }),
      z.object({ kind: z.literal('from-month'), from: ruleMonth('Starting month') }),
      z.object({
        kind: z.literal('listed-months'),
        months: z
          .array(ruleMonth('Month'), { error: typeError('Months', 'list') })
          .min(1, 'List at least one month')
          .max(LIMITS.ruleMonthMax, 'Too many months')
          .refine((xs) => new Set(xs).size === xs.length, 'Months must not repeat'),
      }),
    ],
    {
      error: (iss) =>
        iss.code === 'invalid_union'
          ? 'Choose when the task appears: first month, every month, every N months, from month N or listed months'
          : 'Month rule is required',
    },
  )
  // Belt and braces: whatever passes the shape checks must fire at least once.
  .refine((r) => ruleEverFires(r), {
    message: `This rule never fires within ${RULE_HORIZON_MONTHS} months`,
    when: (payload) => payload.issues.length === 0,
  });

// ---------------------------------------------------------------------------------------------
// Inputs

const TemplateLabelSchema = z
  .string({ error: typeError('Label', 'text') })
  .trim()
  .regex(/^[\p{L}\p{N}_.:-]{1,50}$/u, 'Labels: up to 50 letters, digits, "-", "_", "." or ":" (no spaces)')
  .refine((s) => !s.toLowerCase().startsWith('retainer'), 'Labels starting with "retainer" are reserved');

const EstimateSchema = z
  .number({ error: typeError('Estimate', 'number') })
  .refine(Number.isFinite, 'Estimate must be a number')
  .refine((h) => h > 0, 'Estimate must be more than 0 hours')
  .refine((h) => h <= LIMITS.estimateHoursMax, `Estimate cannot exceed ${LIMITS.estimateHoursMax} hours`)
  .refine((h) => Number.isInteger(h / LIMITS.estimateStep), 'Estimate must be in steps of 0.25 h (15 minutes)');

export const TemplateInputSchema = z.object({
  id: TemplateIdSchema.optional(),
  serviceType: ServiceTypeSchema,
  title: localized('Title', LIMITS.nameMax, 1),
  description: localized('Description', 5000, 0),
  estimateHours: EstimateSchema,
  role: RoleSchema,
  rule: MonthRuleSchema,
  dueDayOffset: int('Due day offset', 0, LIMITS.dueDayOffsetMax),
  checklist: z
    .array(localized('Checklist item', 300, 1), { error: typeError('Checklist', 'list') })
    .max(LIMITS.checklistMax, `Checklist: at most ${LIMITS.checklistMax} items`),
  labels: uniqueList(TemplateLabelSchema, 'Labels', LIMITS.templateLabelsMax),
  active: bool('Active'),
});

const ContactSchema = z.object({
  name: text('Contact name', 1, LIMITS.nameMax),
  email: optionalEmail,
  phone: optionalPhone,
  position: optionalText('Position', LIMITS.nameMax),
});

const LegalDetailsSchema = z.object(
  {
    // Blank means "same as the client's name" (filled in below).
    legalName: z
      .string({ error: typeError('Legal name', 'text') })
      .trim()
      .max(LIMITS.legalNameMax, `Legal name must be at most ${LIMITS.legalNameMax} characters`),
    taxId: optionalText('Tax id', 40),
    address: optionalText('Address', 500),
    bankDetails: optionalText('Bank details', 1000),
  },
  { error: typeError('Legal details', 'object') },
);

export const ClientInputSchema = z
  .object({
    id: ClientIdSchema.optional(),
    name: text('Name', 1, LIMITS.nameMax),
    legal: LegalDetailsSchema,
    language: LanguageSchema,
    currency: CurrencySchema,
    contacts: z.array(ContactSchema, { error: typeError('Contacts', 'list') }).max(20, 'At most 20 contacts'),
    confluenceSpaceKey: z.preprocess(blankToUndefined, SpaceKeySchema.optional()),
    guestAccountIds: uniqueList(accountId('Guest'), 'Guests', 100).optional(),
  })
  .transform((c) => ({ ...c, legal: { ...c.legal, legalName: c.legal.legalName || c.name } }));

const BillingTermsSchema = z.object(
  {
    monthlyFee: MoneySchema,
    commissionPercent: PercentSchema,
    vatRatePercent: PercentSchema,
    prepaidAdBudget: bool('Prepaid ad budget'),
  },
  { error: typeError('Billing terms', 'object') },
);

const ReportScheduleSchema = z.object(
  {
    weekly: z.object({ enabled: bool('Weekly report'), weekday: int('Weekday', 1, 7) }),
    monthly: z.object({ enabled: bool('Monthly report'), dayOfMonth: int('Day of month', 1, 28) }),
    autoSend: bool('Send automatically'),
  },
  { error: typeError('Report schedule', 'object') },
);

// Unknown roles are reported by name (and dropped) before the record check sees them.
const TeamSchema = z.preprocess(
  (value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const unknown = Object.keys(value).filter((k) => !(ROLES as readonly string[]).includes(k));
    if (unknown.length === 0) return value;
    ctx.addIssue({
      code: 'custom',
      message: `Unknown role ${unknown.slice(0, 5).map(quoted).join(', ')}; expected one of: ${ROLES.join(', ')}`,
    });
    return Object.fromEntries(Object.entries(value).filter(([k]) => !unknown.includes(k)));
  },
  z.partialRecord(RoleSchema, uniqueList(accountId('Team member'), 'Team members', LIMITS.teamPerRoleMax), {
    error: () => 'Team must map roles to people',
  }),
);

export const ServiceInputSchema = z.object({
  id: ServiceIdSchema.optional(),
  clientId: ClientIdSchema,
  type: ServiceTypeSchema,
  name: text('Name', 1, LIMITS.nameMax),
  managerAccountId: accountId('Manager'),
  headAccountId: accountId('Head of department'),
  team: TeamSchema,
  startDate: CalendarDateSchema,
  status: ServiceStatusSchema,
  billing: BillingTermsSchema,
  monthlyHourAllowance: z
    .number({ error: typeError('Hour allowance', 'number') })
    .min(0, 'Hour allowance cannot be negative')
    .max(LIMITS.allowanceHoursMax, `Hour allowance cannot exceed ${LIMITS.allowanceHoursMax} hours a month`)
    .refine((h) => Number.isInteger(Math.round(h * 100 * 1e6) / 1e6), 'Hour allowance: at most 2 decimals'),
  reportSchedule: ReportScheduleSchema,
  jiraProjectKey: z.preprocess(blankToUndefined, JiraProjectKeySchema.optional()),
});

const TimeZoneSchema = z
  .string({ error: typeError('Time zone', 'text') })
  .min(1, 'Time zone is required')
  .max(64, 'Time zone is too long')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone; use an IANA name such as Europe/Kyiv');

export const AgencySettingsSchema = z.object({
  name: text('Agency name', 1, LIMITS.nameMax),
  language: LanguageSchema,
  timeZone: TimeZoneSchema,
  baseCurrency: CurrencySchema,
  headAccountIds: uniqueList(accountId('Head'), 'Heads of department', 50),
  adminAccountIds: uniqueList(accountId('Admin'), 'Admins', 50),
  moneyVisibility: z.enum(['manager-head-admin', 'head-admin'], { error: () => 'Choose who may see money' }),
});

// ---------------------------------------------------------------------------------------------
// Resolver payloads

export const ServiceIdPayloadSchema = z.object({ serviceId: ServiceIdSchema });

export const ServiceRefPayloadSchema = z
  .object({ serviceId: ServiceIdSchema.optional(), projectKey: JiraProjectKeySchema.optional() })
  .refine((p) => p.serviceId !== undefined || p.projectKey !== undefined, {
    message: 'Give a service or a project key',
    path: ['serviceId'],
  });

export const ServicesListPayloadSchema = z.object({ mine: bool('Mine').optional() });

export const ServiceSetupPayloadSchema = z.object({
  serviceId: ServiceIdSchema,
  linkProjectKey: z.preprocess(blankToUndefined, JiraProjectKeySchema.optional()),
  linkSpaceKey: z.preprocess(blankToUndefined, SpaceKeySchema.optional()),
});

export const TemplatesListPayloadSchema = z.object({ serviceType: ServiceTypeSchema.optional() });

export const TemplateIdPayloadSchema = z.object({ id: TemplateIdSchema });

export const TaskSetGetPayloadSchema = z.object({ serviceId: ServiceIdSchema, month: MonthSchema.optional() });

export const AddExtraTasksPayloadSchema = z.object({
  serviceId: ServiceIdSchema,
  templateIds: uniqueList(TemplateIdSchema, 'Templates', LIMITS.extraTemplatesMax).refine(
    (xs) => xs.length > 0,
    'Choose at least one task',
  ),
});

// ---------------------------------------------------------------------------------------------
// Errors → fields

/** Top-level problems (no field path) are reported under this key. */
export const FORM_ERROR_KEY = '_form';

type Issue = z.core.$ZodIssue;

/** Replaces zod's default wording (which names JS types) for the few issues we didn't word ourselves. */
function humanMessage(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    if (issue.message.endsWith('received undefined')) return 'This field is required';
    const expected: Record<string, string> = { string: 'text', number: 'a number', boolean: 'yes or no', array: 'a list', object: 'a group of fields' };
    return `Expected ${expected[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

/** Field path ("billing.monthlyFee", "contacts.0.email") → first message for that field. */
export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? FORM_ERROR_KEY : issue.path.map((p) => String(p)).join('.');
    if (!(key in out)) out[key] = humanMessage(issue);
  }
  return out;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

/** Validation without throwing, for UI forms. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, fields: toFieldErrors(r.error) };
}

/** Validation for resolvers: the parsed value, or a ValidationError carrying the field messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'Input'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = toFieldErrors(r.error);
  const n = Object.keys(fields).length;
  throw new ValidationError(`${what} has ${n} problem${n === 1 ? '' : 's'}: ${Object.values(fields)[0] ?? ''}`.trim(), fields);
}

// ---------------------------------------------------------------------------------------------
// Compile-time proof that the schemas produce exactly the shared types.

type Simplify<T> = T extends readonly unknown[] ? { [K in keyof T]: Simplify<T[K]> } : T extends object ? { [K in keyof T]: Simplify<T[K]> } : T;
type Equal<A, B> = (<T>() => T extends Simplify<A> ? 1 : 2) extends <T>() => T extends Simplify<B> ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type SchemaTypeChecks = [
  Assert<Equal<z.output<typeof ClientInputSchema>, ClientInput>>,
  Assert<Equal<z.output<typeof ServiceInputSchema>, ServiceInput>>,
  Assert<Equal<z.output<typeof TemplateInputSchema>, TemplateInput>>,
  Assert<Equal<z.output<typeof AgencySettingsSchema>, AgencySettings>>,
  Assert<Equal<z.output<typeof ServiceIdPayloadSchema>, { serviceId: string }>>,
  Assert<Equal<z.output<typeof ServiceRefPayloadSchema>, ApiPayload<'services/get'>>>,
  Assert<Equal<z.output<typeof ServicesListPayloadSchema>, ApiPayload<'services/list'>>>,
  Assert<Equal<z.output<typeof ServiceSetupPayloadSchema>, ApiPayload<'services/setup'>>>,
  Assert<Equal<z.output<typeof TemplatesListPayloadSchema>, ApiPayload<'templates/list'>>>,
  Assert<Equal<z.output<typeof TemplateIdPayloadSchema>, ApiPayload<'templates/delete'>>>,
  Assert<Equal<z.output<typeof TaskSetGetPayloadSchema>, ApiPayload<'tasksets/get'>>>,
  Assert<Equal<z.output<typeof AddExtraTasksPayloadSchema>, ApiPayload<'tasksets/addExtra'>>>,
];
