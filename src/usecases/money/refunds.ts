// Refunds: money paid back to the client from the prepaid ad budget (wallet) or from a fee advance.
// A refund can never take an account below zero: the check runs inside the booking transaction, on
// the balance it commits against, so two refunds at once cannot both pass on the same money.
import { stableHash } from '../../domain/idempotency';
import { formatMoney, money, parseMoney, refund } from '../../domain/money';
import type { MoneyApi, RefundView } from '../../shared/api-money';
import { ValidationError } from '../../shared/errors';
import type { MoneySnapshot } from '../../storage/ledger.repo';
import { readPayment } from '../../storage/payments.repo';
import type { Access } from '../access';
import { loadMoneyService, requireMoneyAccess } from './context';
import { bookEntries } from './ledger';

type RefundInput = MoneyApi['money/refunds/register']['payload'];

export async function registerRefund(a: Access, p: RefundInput): Promise<RefundView> {
  const s = requireMoneyAccess(a, p.serviceId);
  const ms = await loadMoneyService(s);
  const amount = parseMoney(p.amount, ms.currency);
  if (amount.amountMinor <= 0n) throw new ValidationError('A refund must be more than zero', { amount: 'must be positive' }, { serviceId: s.id });
  if (p.paymentId) {
    const pay = await readPayment(p.paymentId);
    if (!pay || pay.value.serviceId !== s.id) throw new ValidationError(`Payment ${p.paymentId} is not a payment of this service`, { paymentId: 'other service' }, { serviceId: s.id });
  }
  const entry = refund({
    serviceId: s.id,
    date: p.date,
    period: p.date.slice(0, 7),
    amount,
    refundId: `rf-${stableHash(`${s.id}|${p.requestId}`)}`,
    account: p.account,
    ...(p.paymentId ? { paymentId: p.paymentId } : {}),
    ...(p.reason?.trim() ? { note: p.reason.trim() } : {}),
  });
  const balanceOf = (snap: MoneySnapshot): bigint => BigInt(p.account === 'wallet' ? snap.walletBalance : snap.feesBalance);
  const r = await bookEntries({
    serviceId: s.id,
    currency: ms.currency,
    entries: [entry],
    patchSnapshot: (snap) => {
      const after = balanceOf(snap);
      if (after < 0n) {
        const held = after + amount.amountMinor;
        const account = p.account === 'wallet' ? 'ad budget' : 'fee advance';
        const shown = formatMoney(money(held, ms.currency));
        if (held <= 0n) throw new ValidationError(`Nothing can be refunded from the ${account}: its balance is ${shown} ${ms.currency}`, { amount: `nothing to refund (balance ${shown})` }, { serviceId: s.id });
        throw new ValidationError(`Only ${shown} ${ms.currency} can be refunded from the ${account}`, { amount: `at most ${shown}` }, { serviceId: s.id });
      }
      return snap;
    },
  });
  const balance = (v: string): string => formatMoney(money(BigInt(v), ms.currency));
  console.info(`money refund ${entry.id} (${s.id}) ${r.duplicates.length > 0 ? 'duplicate' : 'booked'} by ${a.accountId}`);
  return {
    entryId: entry.id,
    duplicate: r.duplicates.length > 0,
    serviceId: s.id,
    account: p.account,
    amount: formatMoney(amount),
    currency: ms.currency,
    date: p.date,
    walletBalance: balance(r.snapshot.walletBalance),
    feesBalance: balance(r.snapshot.feesBalance),
  };
}
