// Deterministic fake numbers: seeded by (seed, source, account, date, object), so the same request
// always returns the same values. Magnitudes are realistic: ad spend 20–300 USD/day per account,
// CTR 1–8 %, CPC 0.2–2 USD, 150–1,650 sessions/day, positions 1–100.
import { createRng, hashString, type Rng } from '../core/rng';
import type { FakeAccount, FakeCampaign } from './state';

export function rngFor(seed: number, ...parts: string[]): Rng {
  return createRng(`${seed}|${parts.join('|')}`);
}

/** Units of a currency per USD (fake but stable). */
export function fxPerUsd(currency: string): number {
  const table: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, RUB: 92, UAH: 41.5, KZT: 480, PLN: 3.95, BYN: 3.2 };
  return table[currency] ?? 1;
}

export function isActive(account: FakeAccount, date: string): boolean {
  return date >= account.startDate && (!account.endDate || date <= account.endDate);
}

function weekdayFactor(date: string): number {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6 ? 0.75 : 1;
}

export interface AdDay {
  impressions: number;
  clicks: number;
  /** Cost in micros of the account currency (multiple of 10,000: cent precision). */
  costMicros: bigint;
  /** May be fractional (data-driven attribution). */
  conversions: number;
}

const shares = new WeakMap<FakeCampaign[], Map<string, number>>();

/** A campaign's stable share of the account's spend (weights 1–5 from its id). */
function campaignShare(account: FakeAccount, campaignId: string): number {
  let m = shares.get(account.campaigns);
  if (!m) {
    const weights = account.campaigns.map((c) => 1 + (hashString(c.id) % 5));
    const sum = weights.reduce((a, b) => a + b, 0);
    m = new Map(account.campaigns.map((c, i) => [c.id, (weights[i] ?? 1) / sum]));
    shares.set(account.campaigns, m);
  }
  return m.get(campaignId) ?? 0;
}

/** One campaign's day, or null when the campaign had no activity (the APIs then omit the row). */
export function adDay(seed: number, account: FakeAccount, campaign: FakeCampaign, date: string): AdDay | null {
  if (!isActive(account, date)) return null;
  const day = rngFor(seed, account.source, account.id, date);
  const totalUsd = (20 + day.next() * 280) * weekdayFactor(date) * account.scale;
  const share = campaignShare(account, campaign.id);
  const r = rngFor(seed, account.source, account.id, campaign.id, date);
  if (r.chance(0.08)) return null;
  if (r.chance(0.05)) return { impressions: r.int(1, 40), clicks: 0, costMicros: 0n, conversions: 0 };
  const spendUsd = totalUsd * share * (0.8 + 0.4 * r.next());
  const cpc = 0.2 + r.next() * 1.8;
  const ctr = 0.01 + r.next() * 0.07;
  const clicks = Math.max(1, Math.round(spendUsd / cpc));
  const impressions = Math.max(clicks, Math.round(clicks / ctr));
  const cents = Math.round(spendUsd * fxPerUsd(account.currency) * 100);
  const conversions = Math.round(clicks * (0.02 + r.next() * 0.08) * 2) / 2;
  return { impressions, clicks, costMicros: BigInt(cents) * 10_000n, conversions };
}

export const CHANNELS = [
  { metrica: 'organic', ga4: 'Organic Search', share: 0.42 },
  { metrica: 'direct', ga4: 'Direct', share: 0.2 },
  { metrica: 'ad', ga4: 'Paid Search', share: 0.18 },
  { metrica: 'referral', ga4: 'Referral', share: 0.08 },
  { metrica: 'social', ga4: 'Organic Social', share: 0.07 },
  { metrica: 'email', ga4: 'Email', share: 0.03 },
  { metrica: 'recommend', ga4: 'Unassigned', share: 0.02 },
] as const;

export interface ChannelDay {
  channel: (typeof CHANNELS)[number];
  sessions: number;
  users: number;
  /** goal id → reaches */
  goals: Record<string, number>;
}

/** Sessions per traffic channel for one day; channels with 0 sessions are left out (as the APIs do). */
export function analyticsDay(seed: number, account: FakeAccount, date: string): ChannelDay[] {
  if (!isActive(account, date)) return [];
  const day = rngFor(seed, account.source, account.id, date);
  const total = (150 + day.next() * 1500) * weekdayFactor(date) * account.scale;
  const out: ChannelDay[] = [];
  for (const channel of CHANNELS) {
    const r = rngFor(seed, account.source, account.id, channel.metrica, date);
    const sessions = Math.round(total * channel.share * (0.7 + 0.6 * r.next()));
    if (sessions <= 0) continue;
    const users = Math.max(1, Math.round(sessions * (0.75 + 0.15 * r.next())));
    const goals: Record<string, number> = {};
    for (const g of account.goalIds) goals[g] = Math.round(sessions * (0.01 + 0.04 * r.next()));
    out.push({ channel, sessions, users, goals });
  }
  return out;
}

const WORDS = ['купити', 'диван', 'ціна', 'київ', 'доставка', 'кутовий', 'sofa', 'buy', 'недорого', 'відгуки', 'шкіряний', 'ліжко', 'матрац', 'знижка', 'інтернет магазин'];

export function queryText(i: number): string {
  return `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]}${i >= WORDS.length ? ` ${i}` : ''}`;
}

export function pageUrl(siteUrl: string, i: number): string {
  const base = siteUrl.startsWith('sc-domain:') ? `https://${siteUrl.slice('sc-domain:'.length)}/` : siteUrl;
  return `${base}catalog/item-${i}/`;
}

export interface SearchRow {
  key: string;
  clicks: number;
  impressions: number;
  position: number;
}

/** Search Console rows for one day by query or page (rows with impressions only; 0 clicks allowed). */
export function searchDay(seed: number, account: FakeAccount, date: string, by: 'query' | 'page'): SearchRow[] {
  if (!isActive(account, date)) return [];
  const day = rngFor(seed, account.source, account.id, date);
  const totalImpr = (800 + day.next() * 6000) * weekdayFactor(date) * account.scale;
  const n = by === 'query' ? account.queries : Math.max(1, Math.ceil(account.queries / 3));
  const out: SearchRow[] = [];
  for (let i = 0; i < n; i++) {
    const r = rngFor(seed, account.source, account.id, by, String(i), date);
    const impressions = Math.round((totalImpr / (i + 1.5)) * 0.4 * (0.6 + 0.8 * r.next()));
    if (impressions <= 0) continue;
    const position = Math.round((1 + i * 0.4 + r.next() * 6) * 100) / 100;
    const ctr = Math.max(0, 0.08 - position * 0.004) * (0.5 + r.next());
    out.push({ key: by === 'query' ? queryText(i) : pageUrl(account.id, i), clicks: Math.round(impressions * ctr), impressions, position });
  }
  return out;
}

/** Topvisor: is there a check on this date? */
export function hasCheck(seed: number, account: FakeAccount, date: string): boolean {
  if (!isActive(account, date)) return false;
  const dayIndex = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${account.startDate}T00:00:00Z`)) / 86_400_000);
  if (dayIndex % account.checkEveryDays !== 0) return false;
  return !rngFor(seed, account.source, account.id, 'skip', date).chance(0.05);
}

/** Topvisor position of keyword i in a region on a date; null = not found within the depth (`--`). */
export function keywordPosition(seed: number, account: FakeAccount, keyword: number, region: number, date: string): number | null {
  const base = rngFor(seed, account.source, account.id, 'kw', String(keyword), String(region));
  const home = 1 + Math.floor(base.next() * 60);
  const r = rngFor(seed, account.source, account.id, 'kw', String(keyword), String(region), date);
  if (r.chance(home > 40 ? 0.35 : 0.08)) return null;
  return Math.max(1, Math.min(100, home + r.int(-3, 3)));
}
