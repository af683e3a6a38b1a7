// A lead: who asked, how to reach them, what they want. Inputs from the website form and from the
// manager's form go through the same schema; contact details are normalised so duplicates match.
import { z } from 'zod';
import { LANGUAGES, SERVICE_TYPES, type Language, type ServiceType } from '../model';

export const LEAD_LIMITS = { name: 120, company: 160, email: 254, phone: 32, site: 253, message: 4000 } as const;

// Control characters (except newline) never reach a page, a PDF or a Jira issue.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Text as a person typed it, minus invisible control characters; markup is escaped where it is rendered. */
export function plainText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** One line of text: control characters removed, whitespace collapsed. */
export function plainLine(s: string): string {
  return plainText(s).replace(/\s+/g, ' ');
}

/** "Ivan@Example.COM " → "ivan@example.com"; null when it is not an address. */
export function normalizeEmail(raw: string): string | null {
  const s = plainLine(raw).toLowerCase();
  if (s.length === 0 || s.length > LEAD_LIMITS.email) return null;
  return /^[^\s@<>()"',;:]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(s) ? s : null;
}

/**
 * Phone as "+<digits>" (E.164-like): punctuation dropped, "00" and "8 0…" (former USSR trunk for +380)
 * prefixes rewritten, a bare 10-digit "0…" taken as Ukrainian. Null when fewer than 7 or more than 15 digits.
 */
export function normalizePhone(raw: string): string | null {
  const s = plainLine(raw);
  if (!/^[+\d\s().-]+$/.test(s)) return null;
  let digits = s.replace(/\D/g, '');
  if (s.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.length === 10 && digits.startsWith('0')) digits = `38${digits}`;
  else if (digits.length === 11 && digits.startsWith('80')) digits = `3${digits}`;
  if (digits.length < 7 || digits.length > 15) return null;
  return `+${digits}`;
}

/** "https://www.Shop.example/path?q" → "shop.example"; null when no host can be read. */
export function normalizeSite(raw: string): string | null {
  const s = plainLine(raw).toLowerCase();
  if (s.length === 0 || s.length > LEAD_LIMITS.site + 12) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `http://${s}`;
  let host: string;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    host = u.hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  if (!/^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && !/^xn--/.test(host)) return null;
  return host;
}

const text = (label: string, max: number) => z.string({ error: `${label} must be text` }).max(max * 4, `${label} is too long`).transform(plainLine).pipe(z.string().max(max, `${label} is at most ${max} characters`));

/** What a lead form sends (website or manager). At least one way to reach the person is required. */
export const LeadInputSchema = z
  .object({
    name: text('Name', LEAD_LIMITS.name).pipe(z.string().min(1, 'Name is required')),
    company: text('Company', LEAD_LIMITS.company).optional(),
    email: z.string().max(LEAD_LIMITS.email * 2).optional(),
    phone: z.string().max(LEAD_LIMITS.phone * 2).optional(),
    site: z.string().max(LEAD_LIMITS.site * 2).optional(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
    message: z.string().max(LEAD_LIMITS.message * 2).transform(plainText).pipe(z.string().max(LEAD_LIMITS.message)).optional(),
    language: z.enum(LANGUAGES).default('en'),
    source: text('Source', 60).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.email && !normalizeEmail(v.email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Not an e-mail address' });
    if (v.phone && !normalizePhone(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Not a phone number' });
    if (v.site && !normalizeSite(v.site)) ctx.addIssue({ code: 'custom', path: ['site'], message: 'Not a web address' });
    if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Give an e-mail or a phone number' });
  });
export type LeadInput = z.input<typeof LeadInputSchema>;

export interface LeadContact {
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  siteHost: string | null;
  language: Language;
  serviceTypes: ServiceType[];
  message: string | null;
  source: string;
}

/** Validates and normalises; throws zod's error on invalid input. */
export function toLeadContact(input: unknown, defaultSource: string): LeadContact {
  const v = LeadInputSchema.parse(input);
  return {
    name: v.name,
    company: v.company ? v.company : null,
    email: v.email ? normalizeEmail(v.email) : null,
    phone: v.phone ? normalizePhone(v.phone) : null,
    siteHost: v.site ? normalizeSite(v.site) : null,
    language: v.language,
    serviceTypes: [...new Set(v.serviceTypes)],
    message: v.message ? v.message : null,
    source: v.source || defaultSource,
  };
}

export interface DuplicateMatch {
  leadId: string;
  by: Array<'email' | 'phone' | 'site'>;
}

/** Earlier leads sharing an e-mail, phone or site with the candidate, strongest match first. */
export function findDuplicates(candidate: Pick<LeadContact, 'email' | 'phone' | 'siteHost'>, existing: ReadonlyArray<{ id: string; contact: Pick<LeadContact, 'email' | 'phone' | 'siteHost'> }>): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  for (const e of existing) {
    const by: DuplicateMatch['by'] = [];
    if (candidate.email && candidate.email === e.contact.email) by.push('email');
    if (candidate.phone && candidate.phone === e.contact.phone) by.push('phone');
    if (candidate.siteHost && candidate.siteHost === e.contact.siteHost) by.push('site');
    if (by.length > 0) out.push({ leadId: e.id, by });
  }
  return out.sort((a, b) => b.by.length - a.by.length || a.leadId.localeCompare(b.leadId));
}
