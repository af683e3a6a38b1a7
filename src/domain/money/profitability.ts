// Profitability of a service for a month: revenue (net fees + net commission; VAT is not revenue)
// − labour cost (worklog time × the person's hourly cost rate) − other costs → margin and margin %.
//
// Rounding: a person's worklogs of the month are summed in seconds first; their cost is
// round_half_up(seconds × hourly rate / 3600) to the minor unit, once per person. Labour cost is the
// sum of the people's rounded costs. Percentages and hours are shown with 2 decimals, half-up.
//
// Rates (decimal strings per hour, in the service's currency) are looked up person → role → default.
// Time of a person with no rate is not guessed: it is listed in `unrated` and `complete` is false,
// so a dashboard can show the figure as partial instead of failing for the whole agency.
import type { Role, Service } from '../model';
import { CurrencyMismatchError, InvalidAmountError } from './errors';
import { type LedgerRollup, rollupMoney } from './ledger';
import { type Money, Dec, add, currencyExponent, decimalString, divRound, ratioOf, sub, sum, zero } from './money';

export interface WorklogTime {
  accountId: string;
  /** Non-negative whole seconds (Jira timeSpentSeconds). Several rows per person are added up. */
  seconds: number;
  /** The person's role on this service, when the caller knows it. */
  role?: Role;
}

export interface CostRates {
  /** Hourly cost per person (accountId → decimal string). */
  byAccount?: Readonly<Record<string, string>>;
  /** Hourly cost by role, used when the person has no own rate. */
  byRole?: Readonly<Partial<Record<Role, string>>>;
  /** Used when neither the person nor the role has a rate. */
  default?: string;
}

export interface OtherCost {
  label: string;
  amount: Money;
}

export interface ProfitabilityInput {
  serviceId: string;
  /** YYYY-MM */
  period: string;
  currency: string;
  /** Net fees and commission of the month (see revenueFromRollup). */
  fees: Money;
  commission: Money;
  worklogs: readonly WorklogTime[];
  rates: CostRates;
  /** The service team, to find a role for worklogs that carry none. */
  team?: Service['team'];
  otherCosts?: readonly OtherCost[];
  /** service.monthlyHourAllowance */
  allowanceHours?: number;
}

export type RateSource = 'person' | 'role' | 'default';

export interface PersonCost {
  accountId: string;
  role: Role | null;
  seconds: number;
  hours: string;
  rate: string | null;
  rateSource: RateSource | null;
  cost: Money;
}

export interface Profitability {
  serviceId: string;
  period: string;
  currency: string;
  fees: Money;
  commission: Money;
  revenue: Money;
  labourCost: Money;
  otherCosts: Money;
  totalCost: Money;
  margin: Money;
  /** margin / revenue × 100, 2 decimals; null when there is no revenue. */
  marginPercent: string | null;
  people: PersonCost[];
  unrated: Array<{ accountId: string; seconds: number }>;
  /** False when some time had no cost rate (labour cost is then understated). */
  complete: boolean;
  hoursUsed: string;
  allowanceHours: string | null;
  /** allowance − used (negative when over). */
  hoursLeft: string | null;
  allowanceUsedPercent: string | null;
  overAllowance: boolean;
}

/** Net fees and commission of a month from its ledger rollup. */
export function revenueFromRollup(rollup: LedgerRollup): { fees: Money; commission: Money } {
  return { fees: rollupMoney(rollup, 'feesAccrued'), commission: rollupMoney(rollup, 'commissionAccrued') };
}

/** The first role whose member list contains the person. */
export function roleOf(team: Service['team'] | undefined, accountId: string): Role | null {
  if (!team) return null;
  for (const [role, ids] of Object.entries(team) as Array<[Role, string[] | undefined]>) if (ids?.includes(accountId)) return role;
  return null;
}

function checkRate(rate: string, field: string): string {
  const r = ratioOf(rate, field);
  if (r.num < 0n) throw new InvalidAmountError(rate, 'A cost rate cannot be negative', field);
  return rate;
}

function resolveRate(rates: CostRates, accountId: string, role: Role | null): { rate: string; source: RateSource } | null {
  const own = rates.byAccount?.[accountId];
  if (own !== undefined) return { rate: checkRate(own, `rates.byAccount.${accountId}`), source: 'person' };
  const byRole = role ? rates.byRole?.[role] : undefined;
  if (byRole !== undefined && role) return { rate: checkRate(byRole, `rates.byRole.${role}`), source: 'role' };
  if (rates.default !== undefined) return { rate: checkRate(rates.default, 'rates.default'), source: 'default' };
  return null;
}

const hoursText = (seconds: bigint): string => decimalString(new Dec(seconds.toString()).div(3600), 2);

/** round_half_up(seconds × rate / 3600) in minor units. */
export function labourCost(seconds: number, hourlyRate: string, currency: string): Money {
  const r = ratioOf(hourlyRate, 'rate');
  const scale = 10n ** BigInt(currencyExponent(currency));
  return { amountMinor: divRound(BigInt(seconds) * r.num * scale, r.den * 3600n, 'half-up'), currency };
}

export function profitability(input: ProfitabilityInput): Profitability {
  const { currency } = input;
  currencyExponent(currency);
  for (const [what, m] of [['fees', input.fees], ['commission', input.commission]] as const) {
    if (m.currency !== currency) throw new CurrencyMismatchError(currency, m.currency, what);
  }
  // Seconds per person (first role seen wins when worklogs disagree).
  const perPerson = new Map<string, { seconds: bigint; role: Role | null }>();
  input.worklogs.forEach((w, i) => {
    if (!Number.isSafeInteger(w.seconds) || w.seconds < 0) {
      throw new InvalidAmountError(String(w.seconds), 'Worklog time must be whole, non-negative seconds', `worklogs.${i}.seconds`);
    }
    const p = perPerson.get(w.accountId) ?? { seconds: 0n, role: w.role ?? roleOf(input.team, w.accountId) };
    p.seconds += BigInt(w.seconds);
    perPerson.set(w.accountId, p);
  });
  const people: PersonCost[] = [];
  const unrated: Array<{ accountId: string; seconds: number }> = [];
  let totalSeconds = 0n;
  for (const accountId of [...perPerson.keys()].sort()) {
    const p = perPerson.get(accountId);
    if (!p) continue;
    totalSeconds += p.seconds;
    const rate = resolveRate(input.rates, accountId, p.role);
    if (!rate && p.seconds > 0n) unrated.push({ accountId, seconds: Number(p.seconds) });
    people.push({
      accountId,
      role: p.role,
      seconds: Number(p.seconds),
      hours: hoursText(p.seconds),
      rate: rate?.rate ?? null,
      rateSource: rate?.source ?? null,
      cost: rate ? labourCost(Number(p.seconds), rate.rate, currency) : zero(currency),
    });
  }
  const others = input.otherCosts ?? [];
  others.forEach((c, i) => {
    if (c.amount.currency !== currency) throw new CurrencyMismatchError(currency, c.amount.currency, `other cost ${i + 1} (${c.label})`);
  });
  const revenue = add(input.fees, input.commission);
  const labour = sum(currency, people.map((p) => p.cost));
  const otherTotal = sum(currency, others.map((c) => c.amount));
  const totalCost = add(labour, otherTotal);
  const margin = sub(revenue, totalCost);
  const marginPercent =
    revenue.amountMinor === 0n ? null : decimalString(new Dec(margin.amountMinor.toString()).div(revenue.amountMinor.toString()).times(100), 2);

  let allowanceHours: string | null = null;
  let hoursLeft: string | null = null;
  let usedPercent: string | null = null;
  let overAllowance = false;
  if (input.allowanceHours !== undefined) {
    if (!Number.isFinite(input.allowanceHours) || input.allowanceHours < 0) {
      throw new InvalidAmountError(String(input.allowanceHours), 'Hour allowance must be a non-negative number', 'allowanceHours');
    }
    const allowance = new Dec(String(input.allowanceHours));
    const allowanceSeconds = allowance.times(3600);
    const used = new Dec(totalSeconds.toString());
    allowanceHours = decimalString(allowance, 2);
    hoursLeft = decimalString(allowanceSeconds.minus(used).div(3600), 2);
    usedPercent = allowance.isZero() ? null : decimalString(used.div(allowanceSeconds).times(100), 2);
    overAllowance = used.greaterThan(allowanceSeconds);
  }
  return {
    serviceId: input.serviceId,
    period: input.period,
    currency,
    fees: input.fees,
    commission: input.commission,
    revenue,
    labourCost: labour,
    otherCosts: otherTotal,
    totalCost,
    margin,
    marginPercent,
    people,
    unrated,
    complete: unrated.length === 0,
    hoursUsed: hoursText(totalSeconds),
    allowanceHours,
    hoursLeft,
    allowanceUsedPercent: usedPercent,
    overAllowance,
  };
}
