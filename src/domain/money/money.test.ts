import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KNOWN_CURRENCIES } from '../schemas';
import { CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError } from './errors';
import {
  type Money,
  type RoundingMode,
  add,
  allocate,
  compare,
  convert,
  currencyExponent,
  divRound,
  formatMoney,
  fromMicros,
  isNegative,
  isZero,
  money,
  moneyFromDecimal,
  moneyFromJson,
  moneyToJson,
  multiply,
  negate,
  parseLocaleDecimal,
  parseMoney,
  percentOf,
  sub,
  sum,
  toMicros,
} from './money';

const m = (text: string, currency = 'UAH'): Money => parseMoney(text, currency);
const RUNS = { numRuns: 300 };
const MODES: RoundingMode[] = ['half-up', 'half-even', 'half-down', 'up', 'down', 'ceil', 'floor'];
const arbMinor = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const arbCurrency = fc.constantFrom('UAH', 'USD', 'JPY', 'KWD');
const arbMoney = fc.tuple(arbMinor, arbCurrency).map(([a, c]) => money(a, c));

describe('currencies', () => {
  test('should know an exponent for every currency the input schemas accept', () => {
    for (const c of KNOWN_CURRENCIES) assert.ok(currencyExponent(c) >= 0, c);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('UAH'), 2);
  });
  test('should throw UnknownCurrencyError when the code is unknown', () => {
    assert.throws(() => money(1n, 'XXX'), UnknownCurrencyError);
    assert.throws(() => parseMoney('1', 'usd'), UnknownCurrencyError);
  });
});

describe('parse and format', () => {
  test('should parse canonical decimal strings into minor units', () => {
    assert.equal(m('1500.00').amountMinor, 150000n);
    assert.equal(m('1500.5').amountMinor, 150050n);
    assert.equal(m('1500').amountMinor, 150000n);
    assert.equal(m('-3.10').amountMinor, -310n);
    assert.equal(parseMoney('1500', 'JPY').amountMinor, 1500n);
    assert.equal(parseMoney('1.234', 'KWD').amountMinor, 1234n);
  });
  test('should reject locale forms, exponents and excess precision when parsing strictly', () => {
    for (const bad of ['1 500,50', '1500,50', '1e3', '+1', '', '.5', '5.', '1.005', 'abc', '1,500.00']) {
      assert.throws(() => m(bad), InvalidAmountError, bad);
    }
    assert.throws(() => parseMoney('1.5', 'JPY'), InvalidAmountError);
  });
  test('should format with exactly the currency digits', () => {
    assert.equal(formatMoney(money(150050n, 'UAH')), '1500.50');
    assert.equal(formatMoney(money(-5n, 'USD')), '-0.05');
    assert.equal(formatMoney(money(0n, 'EUR')), '0.00');
    assert.equal(formatMoney(money(1500n, 'JPY')), '1500');
    assert.equal(formatMoney(money(-1n, 'KWD')), '-0.001');
  });
  test('should round arbitrary-precision decimals once when told how', () => {
    assert.equal(moneyFromDecimal('2.345', 'USD', 'half-up').amountMinor, 235n);
    assert.equal(moneyFromDecimal('2.345', 'USD', 'half-even').amountMinor, 234n);
    assert.equal(moneyFromDecimal('-2.345', 'USD', 'half-up').amountMinor, -235n);
    assert.equal(moneyFromDecimal('2.349', 'USD', 'down').amountMinor, 234n);
  });
  test('should parse locale amounts only through the explicit locale parser', () => {
    assert.equal(parseLocaleDecimal('1 500,50', ','), '1500.50');
    assert.equal(parseLocaleDecimal('1\u00a0500,5', ','), '1500.5');
    assert.equal(parseLocaleDecimal('1.500.000,00', ','), '1500000.00');
    assert.equal(parseLocaleDecimal('1,500.50', '.'), '1500.50');
    assert.equal(parseLocaleDecimal('−12,00', ','), '-12.00');
    assert.equal(parseLocaleDecimal('0007', '.'), '7');
    for (const bad of ['1,5', '1.50.0', '12 34', 'abc', '', '1,500,5', '1 500.000,00']) {
      assert.throws(() => parseLocaleDecimal(bad, '.'), InvalidAmountError, bad);
    }
    assert.throws(() => parseLocaleDecimal('1.5,0', ','), InvalidAmountError);
  });
  test('should round-trip through JSON with minor units as strings', () => {
    const j = moneyToJson(m('-12.34'));
    assert.deepEqual(j, { amountMinor: '-1234', currency: 'UAH' });
    assert.deepEqual(moneyFromJson(j), m('-12.34'));
    assert.throws(() => moneyFromJson({ amountMinor: '1.5', currency: 'UAH' }), InvalidAmountError);
  });
  test('property: parse(format(x)) = x', () => {
    fc.assert(fc.property(arbMoney, (x) => assert.deepEqual(parseMoney(formatMoney(x), x.currency), x)), RUNS);
  });
  test('property: grouped comma-decimal text parses back to the canonical string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 99 }), (int, frac) => {
        const grouped = int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
        const text = `${grouped},${String(frac).padStart(2, '0')}`;
        assert.equal(parseLocaleDecimal(text, ','), `${int}.${String(frac).padStart(2, '0')}`);
      }),
      RUNS,
    );
  });
});

describe('arithmetic', () => {
  test('should add and subtract in the same currency', () => {
    assert.equal(formatMoney(add(m('0.10'), m('0.20'))), '0.30');
    assert.equal(formatMoney(sub(m('0.10'), m('0.20'))), '-0.10');
    assert.equal(formatMoney(sum('UAH', [m('1'), m('2.5'), m('-0.5')])), '3.00');
    assert.equal(formatMoney(sum('UAH', [])), '0.00');
  });
  test('should throw CurrencyMismatchError carrying both currencies when they differ', () => {
    const err = (() => {
      try {
        add(m('1', 'UAH'), m('1', 'USD'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(err instanceof CurrencyMismatchError);
    assert.equal(err.expected, 'UAH');
    assert.equal(err.actual, 'USD');
    assert.equal(err.code, 'VALIDATION');
    assert.throws(() => compare(m('1', 'EUR'), m('1', 'USD')), CurrencyMismatchError);
  });
  test('should multiply by a decimal rate with the given rounding', () => {
    assert.equal(formatMoney(multiply(m('10.05'), '0.5', 'half-up')), '5.03');
    assert.equal(formatMoney(multiply(m('10.05'), '0.5', 'half-even')), '5.02');
    assert.equal(formatMoney(multiply(m('10.05'), '0.5', 'down')), '5.02');
    assert.equal(formatMoney(multiply(m('-10.05'), '0.5', 'half-up')), '-5.03');
    assert.equal(formatMoney(multiply(m('-10.05'), '0.5', 'floor')), '-5.03');
    assert.equal(formatMoney(multiply(m('-10.05'), '0.5', 'ceil')), '-5.02');
    assert.equal(formatMoney(percentOf(m('12345.67'), '7.5')), '925.93'); // 925.92525
    assert.throws(() => multiply(m('1'), '0,5', 'half-up'), InvalidAmountError);
  });
  test('should report sign and zero', () => {
    assert.ok(isNegative(m('-0.01')));
    assert.ok(!isNegative(m('0')));
    assert.ok(isZero(m('0.00')));
    assert.equal(compare(m('1'), m('2')), -1);
  });
  test('property: half modes are within half a unit, directed modes on the right side', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const floor = divRound(n, d, 'floor');
        const ceil = divRound(n, d, 'ceil');
        assert.ok(floor * d <= n && n <= ceil * d && ceil - floor <= 1n);
        for (const mode of ['half-up', 'half-even', 'half-down'] as const) {
          const q = divRound(n, d, mode);
          const diff = q * d - n; // (q − n/d)·d
          assert.ok(2n * (diff < 0n ? -diff : diff) <= d, mode);
        }
        // half-up, down and up are symmetric around zero.
        for (const mode of ['half-up', 'down', 'up'] as const) assert.equal(divRound(-n, d, mode), -divRound(n, d, mode));
      }),
      RUNS,
    );
  });
  test('property: multiply(−x) = −multiply(x) in half-up', () => {
    fc.assert(
      fc.property(arbMoney, fc.integer({ min: 0, max: 100_000 }), (x, bp) => {
        const rate = (bp / 10_000).toFixed(4);
        assert.deepEqual(multiply(negate(x), rate, 'half-up'), negate(multiply(x, rate, 'half-up')));
      }),
      RUNS,
    );
  });
});

describe('allocate', () => {
  test('should split 100.00 in three equal parts without losing a cent', () => {
    assert.deepEqual(allocate(m('100'), ['1', '1', '1']).map(formatMoney), ['33.34', '33.33', '33.33']);
  });
  test('should split by decimal ratios and keep zero-weight parts at zero', () => {
    assert.deepEqual(allocate(m('0.05'), ['0.7', '0.3', '0']).map(formatMoney), ['0.04', '0.01', '0.00']);
    assert.deepEqual(allocate(m('-100'), ['1', '1', '1']).map(formatMoney), ['-33.34', '-33.33', '-33.33']);
  });
  test('should reject empty, negative and all-zero ratios', () => {
    assert.throws(() => allocate(m('1'), []), InvalidAmountError);
    assert.throws(() => allocate(m('1'), ['-1', '2']), InvalidAmountError);
    assert.throws(() => allocate(m('1'), ['0', '0']), InvalidAmountError);
  });
  test('property: parts sum to the amount and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(arbMoney, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), (x, ws) => {
        fc.pre(ws.some((w) => w > 0));
        const parts = allocate(x, ws.map(String));
        assert.equal(parts.length, ws.length);
        assert.deepEqual(sum(x.currency, parts), x);
        const total = BigInt(ws.reduce((a, b) => a + b, 0));
        parts.forEach((p, i) => {
          const diff = p.amountMinor * total - x.amountMinor * BigInt(ws[i] ?? 0);
          assert.ok((diff < 0n ? -diff : diff) < total);
        });
      }),
      RUNS,
    );
  });
});

describe('micros and conversion', () => {
  test('should convert micros half-up to the minor unit', () => {
    assert.equal(formatMoney(fromMicros('16400000', 'USD')), '16.40');
    assert.equal(formatMoney(fromMicros('16405000', 'USD')), '16.41');
    assert.equal(formatMoney(fromMicros('16404999', 'USD')), '16.40');
    assert.equal(formatMoney(fromMicros('-16405000', 'USD')), '-16.41');
    assert.equal(formatMoney(fromMicros('1500500000', 'JPY')), '1501');
    assert.equal(formatMoney(fromMicros('16405000', 'USD', 'down')), '16.40');
    for (const bad of ['1.5', '', '99999999999999999999', 'abc']) assert.throws(() => fromMicros(bad, 'USD'), InvalidAmountError, bad);
  });
  test('property: fromMicros(toMicros(x)) = x within the int64 micros range', () => {
    const arbSmall = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), arbCurrency).map(([a, c]) => money(a, c));
    fc.assert(fc.property(arbSmall, (x) => assert.deepEqual(fromMicros(toMicros(x), x.currency), x)), RUNS);
  });
  test('should convert between currencies with an explicit rate and exponent difference', () => {
    assert.equal(formatMoney(convert(m('100', 'USD'), 'UAH', '41.2345')), '4123.45');
    assert.equal(formatMoney(convert(m('1000', 'JPY'), 'USD', '0.00667')), '6.67');
    assert.equal(formatMoney(convert(m('6.67', 'USD'), 'JPY', '149.93')), '1000'); // 1000.0331
    assert.throws(() => convert(m('1', 'USD'), 'UAH', '0'), InvalidAmountError);
    for (const mode of MODES) assert.equal(formatMoney(convert(m('1.23', 'USD'), 'EUR', '1', mode)), '1.23');
  });
});
