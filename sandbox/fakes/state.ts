// Mutable state of the fake outside APIs: registered accounts, token verdicts, forced quota errors,
// call counts, report/job progress, and the fakes' notion of "today".
export const FAKE_SOURCES = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'yandex-webmaster'] as const;
export type FakeSource = (typeof FAKE_SOURCES)[number];

export interface FakeCampaign {
  id: string;
  name: string;
}

export interface FakeAccountInput {
  source: FakeSource;
  /** customerId / Client-Login / counter id / property id / siteUrl / act_<id> or <id> / project id. */
  id: string;
  name?: string;
  timeZone?: string;
  currency?: string;
  campaigns?: FakeCampaign[];
  /** No data before this date (YYYY-MM-DD). */
  startDate?: string;
  /** No data after this date. */
  endDate?: string;
  /** Multiplies traffic and spend (1 = default magnitudes). */
  scale?: number;
  /** google-ads: calls must carry this `login-customer-id` (a manager account). */
  loginCustomerId?: string;
  /** yandex-metrica: goals that exist on the counter. */
  goalIds?: string[];
  /** search-console: distinct queries (and pages) per day; topvisor: tracked keywords. */
  queries?: number;
  /** topvisor: region indexes of the project. */
  regionIndexes?: number[];
  /** topvisor: a check runs every N days (1 = daily). */
  checkEveryDays?: number;
  /** yandex-direct: shared account balance in currency units (decimal string). */
  balance?: string;
  /** google-ads: approved account budget in micros; omitted = card-paid (no budget rows). */
  budgetLimitMicros?: string;
}

export interface FakeAccount extends Required<Omit<FakeAccountInput, 'loginCustomerId' | 'budgetLimitMicros' | 'endDate'>> {
  loginCustomerId?: string;
  budgetLimitMicros?: string;
  endDate?: string;
}

const DEFAULT_TZ: Record<FakeSource, string> = {
  'google-ads': 'Europe/Kyiv',
  'yandex-direct': 'Europe/Moscow',
  'yandex-metrica': 'Europe/Moscow',
  ga4: 'Europe/Kyiv',
  'search-console': 'America/Los_Angeles',
  meta: 'Europe/Kyiv',
  topvisor: 'Europe/Moscow',
  'yandex-webmaster': 'Europe/Moscow',
};
const DEFAULT_CURRENCY: Record<FakeSource, string> = {
  'google-ads': 'USD',
  'yandex-direct': 'RUB',
  'yandex-metrica': 'RUB',
  ga4: 'USD',
  'search-console': 'USD',
  meta: 'USD',
  topvisor: 'RUB',
  'yandex-webmaster': 'RUB',
};

const DEFAULT_CAMPAIGNS: Record<FakeSource, FakeCampaign[]> = {
  'google-ads': [
    { id: '111', name: 'Brand | Search' },
    { id: '222', name: 'Generic – Search' },
    { id: '333', name: 'PMax Shop' },
  ],
  'yandex-direct': [
    { id: '70112233', name: 'Поиск | Бренд' },
    { id: '70112244', name: 'РСЯ | Ретаргет' },
    { id: '70112255', name: '  Мастер кампаний' },
  ],
  meta: [
    { id: '120210000000000001', name: 'Leads | RU' },
    { id: '120210000000000002', name: 'Retargeting' },
  ],
  'yandex-metrica': [],
  ga4: [],
  'search-console': [],
  topvisor: [],
  'yandex-webmaster': [],
};

export type TokenVerdict = 'ok' | 'expired' | 'revoked' | 'missing';

export class FakeState {
  private accounts = new Map<string, FakeAccount>();
  private expired = new Set<string>();
  private revoked = new Set<string>();
  private forcedQuota = new Map<string, Array<{ scope: 'short-term' | 'long-term'; remaining: number }>>();
  readonly callCounts: Record<string, number> = {};
  /** Per-key progress of multi-step jobs (Direct offline reports, Meta async runs). */
  readonly progress = new Map<string, number>();
  /** Parameters of submitted async jobs (Meta report runs), by id. */
  readonly jobs = new Map<string, Record<string, string>>();
  retryInSeconds = 1;
  private todayOverride: string | null = null;
  private tokenSerial = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  private key(source: FakeSource, id: string): string {
    return `${source}:${id}`;
  }

  register(input: FakeAccountInput): FakeAccount {
    const a: FakeAccount = {
      source: input.source,
      id: input.id,
      name: input.name ?? `${input.source} ${input.id}`,
      timeZone: input.timeZone ?? DEFAULT_TZ[input.source],
      currency: input.currency ?? DEFAULT_CURRENCY[input.source],
      campaigns: input.campaigns ?? DEFAULT_CAMPAIGNS[input.source],
      startDate: input.startDate ?? '2024-01-01',
      scale: input.scale ?? 1,
      goalIds: input.goalIds ?? ['123456', '654321'],
      queries: input.queries ?? 60,
      regionIndexes: input.regionIndexes ?? [2, 5],
      checkEveryDays: input.checkEveryDays ?? 1,
      balance: input.balance ?? '15430.50',
      ...(input.endDate ? { endDate: input.endDate } : {}),
      ...(input.loginCustomerId ? { loginCustomerId: input.loginCustomerId } : {}),
      ...(input.budgetLimitMicros ? { budgetLimitMicros: input.budgetLimitMicros } : {}),
    };
    this.accounts.set(this.key(a.source, a.id), a);
    return a;
  }

  /** Registered account, or a default one created on first use (so any id works in the demo). */
  account(source: FakeSource, id: string): FakeAccount {
    return this.accounts.get(this.key(source, id)) ?? this.register({ source, id });
  }

  find(source: FakeSource, id: string): FakeAccount | undefined {
    return this.accounts.get(this.key(source, id));
  }

  /** Registered accounts of one source (Webmaster lists the user's hosts). */
  accountsOf(source: FakeSource): FakeAccount[] {
    return [...this.accounts.values()].filter((a) => a.source === source);
  }

  expire(token: string): void {
    this.expired.add(token);
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  verdict(token: string | undefined | null): TokenVerdict {
    if (!token) return 'missing';
    if (this.revoked.has(token)) return 'revoked';
    if (this.expired.has(token)) return 'expired';
    return 'ok';
  }

  issueAccessToken(prefix: string): string {
    this.tokenSerial++;
    return `${prefix}-${this.tokenSerial.toString(36)}`;
  }

  forceQuota(source: string, scope: 'short-term' | 'long-term', times: number): void {
    const list = this.forcedQuota.get(source) ?? [];
    list.push({ scope, remaining: times });
    this.forcedQuota.set(source, list);
  }

  takeForcedQuota(source: string): 'short-term' | 'long-term' | null {
    const list = this.forcedQuota.get(source);
    const f = list?.find((x) => x.remaining > 0);
    if (!f) return null;
    f.remaining--;
    return f.scope;
  }

  countCall(service: string): void {
    this.callCounts[service] = (this.callCounts[service] ?? 0) + 1;
  }

  setToday(date: string | null): void {
    this.todayOverride = date;
  }

  nowMs(): number {
    return this.clock();
  }

  /** Today's date in a zone (the override wins). */
  today(timeZone = 'UTC'): string {
    if (this.todayOverride) return this.todayOverride;
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(this.clock()));
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  }

  reset(): void {
    this.accounts.clear();
    this.expired.clear();
    this.revoked.clear();
    this.forcedQuota.clear();
    this.progress.clear();
    this.jobs.clear();
    for (const k of Object.keys(this.callCounts)) delete this.callCounts[k];
    this.todayOverride = null;
    this.retryInSeconds = 1;
  }
}
