// Typed errors of the money domain. All extend the shared AppError family, so resolvers map them to
// the envelope without extra code: bad input → VALIDATION, a forbidden state change → CONFLICT.
import { ConflictError, ValidationError } from '../../shared/errors';

/** Two amounts (or an amount and a rollup/invoice/client) are in different currencies. */
export class CurrencyMismatchError extends ValidationError {
  constructor(
    readonly expected: string,
    readonly actual: string,
    context = '',
  ) {
    super(`Currency mismatch${context ? ` in ${context}` : ''}: expected ${expected}, got ${actual}`, {}, { expected, actual });
  }
}

/** Spend (or a payment) is in another currency and no explicit exchange rate was given for it. */
export class MissingExchangeRateError extends CurrencyMismatchError {
  constructor(expected: string, actual: string, context = '') {
    super(expected, actual, context);
    this.message = `No exchange rate ${actual} → ${expected}${context ? ` for ${context}` : ''}; currencies are never converted silently`;
  }
}

export class UnknownCurrencyError extends ValidationError {
  constructor(readonly currency: string) {
    super(`Unknown or unsupported currency ${JSON.stringify(currency)}`, {}, { currency });
  }
}

/** A text that should be an amount, a rate or a count is not one (or is out of range). */
export class InvalidAmountError extends ValidationError {
  constructor(
    readonly input: string,
    reason: string,
    field = 'amount',
  ) {
    super(`${reason}: ${JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)}`, { [field]: reason }, { input: input.slice(0, 60) });
  }
}

/** A ledger entry that must not be written (bad kind/amount/split/period…). */
export class LedgerEntryError extends ValidationError {
  constructor(message: string, details: Record<string, string | number | boolean | null> = {}) {
    super(message, {}, details);
  }
}

/** Invoice input that cannot make a valid invoice. */
export class InvoiceInputError extends ValidationError {
  constructor(message: string, fields: Record<string, string> = {}, details: Record<string, string | number | boolean | null> = {}) {
    super(message, fields, details);
  }
}

/** A change the invoice's state forbids (paying a cancelled invoice, cancelling a paid one…). */
export class InvoiceStateError extends ConflictError {
  constructor(message: string, details: Record<string, string | number | boolean | null> = {}) {
    super(message, details);
  }
}

/** A spend row (from a connector) that cannot be used; `index` is its position in the input. */
export class SpendRowError extends ValidationError {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`Spend row ${index}: ${message}`, {}, { index });
  }
}

/** A bank statement that cannot be read at all (no header, missing columns, broken quotes…). */
export class BankFileError extends ValidationError {
  constructor(message: string, line: number | null = null) {
    super(line === null ? message : `Line ${line}: ${message}`, { file: message }, { line });
  }
}
