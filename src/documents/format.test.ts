import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatAxisValue, formatCell, formatChange, formatDate, formatDateRange, formatHours, formatMetric, formatMoney, formatShortDate,
} from './format';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  test('should format decimal strings exactly in the client language', () => {
    assert.equal(formatMoney('1234.5', 'UAH', 'uk'), `1${NBSP}234,50${NBSP}₴`);
    assert.equal(formatMoney('1234.50', 'RUB', 'ru'), `1${NBSP}234,50${NBSP}₽`);
    assert.equal(formatMoney('1234.5', 'USD', 'en'), '$1,234.50');
    assert.equal(formatMoney('-0.5', 'EUR', 'en'), '-€0.50');
    // Beyond float precision: still exact.
    assert.equal(formatMoney('12345678901234567.89', 'USD', 'en'), '$12,345,678,901,234,567.89');
    assert.equal(formatMoney('1000', 'JPY', 'en'), '¥1,000');
  });

  test('should pass through text that is not a decimal and survive unknown currency codes', () => {
    assert.equal(formatMoney('n/a', 'USD', 'en'), 'n/a');
    assert.equal(formatMoney('1e5', 'USD', 'en'), '1e5');
    // Intl knows any well-formed code; a malformed one falls back to number + code.
    assert.equal(formatMoney('12.5', 'XXQ', 'en'), `XXQ${NBSP}12.50`);
    assert.equal(formatMoney('12.5', 'EURO', 'en'), '12.50 EURO');
  });
});

describe('metrics and changes', () => {
  test('should format each unit', () => {
    assert.equal(formatMetric(0.0345, 'percent', 'uk', 'UAH'), '3,45%');
    assert.equal(formatMetric(16240, 'count', 'ru', 'RUB'), `16${NBSP}240`);
    assert.equal(formatMetric(12.5, 'hours', 'uk', 'UAH'), '12,5 год');
    assert.equal(formatHours(3, 'en'), '3 h');
    assert.equal(formatMetric(7.44, 'position', 'en', 'USD'), '7.4');
    assert.equal(formatMetric(null, 'money', 'en', 'USD'), '—');
    assert.equal(formatMetric('99.9', 'money', 'en', 'USD'), '$99.90');
  });

  test('should sign changes with a true minus and report the trend', () => {
    assert.deepEqual(formatChange(0.123, 'en'), { text: '+12.3%', trend: 'up' });
    assert.deepEqual(formatChange(-0.09, 'uk'), { text: '−9%', trend: 'down' });
    assert.deepEqual(formatChange(0.0001, 'en'), { text: '0%', trend: 'flat' });
    assert.deepEqual(formatChange(null, 'ru'), { text: '—', trend: 'none' });
    assert.deepEqual(formatChange(Number.NaN, 'ru'), { text: '—', trend: 'none' });
  });

  test('should format cells by column format', () => {
    assert.equal(formatCell('2026-03-01', 'date', 'en', 'USD'), '1 March 2026');
    assert.equal(formatCell(null, 'count', 'en', 'USD'), '—');
    assert.equal(formatCell('', 'text', 'en', 'USD'), '—');
    assert.equal(formatCell('12', 'count', 'en', 'USD'), '12');
    assert.equal(formatCell(-0.25, 'decimal', 'uk', 'UAH'), '-0,25');
  });

  test('should shorten axis values', () => {
    assert.equal(formatAxisValue(30000, 'money', 'uk', 'UAH'), `30${NBSP}тис.${NBSP}₴`);
    assert.equal(formatAxisValue(600, 'money', 'en', 'USD'), '$600');
    assert.equal(formatAxisValue(25000, 'count', 'en', 'USD'), '25k');
    assert.equal(formatAxisValue(2.5, 'count', 'en', 'USD'), '2.5');
  });
});

describe('dates', () => {
  test('should format dates and ranges per language', () => {
    assert.equal(formatDate('2026-03-01', 'uk'), '1 березня 2026 р.');
    assert.equal(formatDate('2026-03-01', 'ru'), '1 марта 2026 г.');
    assert.equal(formatShortDate('2026-03-09', 'en'), '9 Mar');
    assert.equal(formatDateRange('2026-03-01', '2026-03-31', 'uk'), '1–31 березня 2026\u202fр.');
    assert.equal(formatDate('not a date', 'en'), 'not a date');
  });
});
