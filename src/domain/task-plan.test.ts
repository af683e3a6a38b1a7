import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from '../shared/errors';
import { defaultTemplatesFor } from './catalog';
import type { Service, TemplateTask } from './model';
import {
  allowanceCheck,
  assigneeFor,
  chunk,
  dueDateFor,
  epicLabels,
  formatJiraDuration,
  parseJiraDuration,
  parsePlanLabels,
  planExtraTasks,
  planTaskSet,
  taskItemKey,
  taskSetKey,
} from './task-plan';

function service(over: Partial<Service> = {}): Service {
  return {
    id: 'sv-acme-seo',
    clientId: 'cl-acme',
    type: 'seo',
    name: 'SEO',
    managerAccountId: 'u-manager',
    headAccountId: 'u-head',
    team: { 'seo-specialist': ['u-seo', 'u-seo-2'], copywriter: [] },
    startDate: '2026-09-01',
    status: 'active',
    billing: { monthlyFee: '1000', commissionPercent: '0', vatRatePercent: '20', prepaidAdBudget: false },
    monthlyHourAllowance: 40,
    reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 5 }, autoSend: false },
    createdAt: '2026-08-01T00:00:00Z',
    updatedAt: '2026-08-01T00:00:00Z',
    ...over,
  };
}

function tpl(id: string, over: Partial<TemplateTask> = {}): TemplateTask {
  return {
    id,
    serviceType: 'seo',
    title: { en: `Title ${id}`, uk: `Назва ${id}`, ru: '' },
    description: { en: `Do ${id}` },
    estimateHours: 2,
    role: 'seo-specialist',
    rule: { kind: 'every-month' },
    dueDayOffset: 5,
    checklist: [{ en: 'Step one', ru: 'Шаг один' }],
    labels: ['some label'],
    active: true,
    ...over,
  };
}

const TEMPLATES: TemplateTask[] = [
  tpl('tt-a', { rule: { kind: 'first-month' }, dueDayOffset: 10, estimateHours: 8 }),
  tpl('tt-b', { rule: { kind: 'every-month' }, dueDayOffset: 3, estimateHours: 1.5 }),
  tpl('tt-c', { rule: { kind: 'every-n-months', n: 3 }, dueDayOffset: 10, estimateHours: 4, role: 'copywriter' }),
  tpl('tt-d', { rule: { kind: 'from-month', from: 2 }, dueDayOffset: 30, estimateHours: 3, role: 'manager' }),
  tpl('tt-e', { rule: { kind: 'every-month' }, active: false }),
  tpl('tt-f', { rule: { kind: 'every-month' }, serviceType: 'smm' }),
];

const plan = (over: Partial<Service>, month: string, extra?: string[]) =>
  planTaskSet({ service: service(over), clientName: 'Acme Ltd', templates: TEMPLATES, month, language: 'en', extraTemplateIds: extra });

describe('planTaskSet', () => {
  test('month 1: first-month, every-month and every-3-months tasks, sorted by due date then catalog order', () => {
    const p = plan({}, '2026-09');
    assert.equal(p.status, 'planned');
    assert.equal(p.monthNumber, 1);
    assert.equal(p.epicSummary, 'Acme Ltd · SEO · September 2026');
    assert.deepEqual(
      p.items.map((i) => [i.templateId, i.dueDate]),
      [
        ['tt-b', '2026-09-04'],
        ['tt-a', '2026-09-11'],
        ['tt-c', '2026-09-11'],
      ],
    );
    assert.equal(p.plannedHours, 13.5);
  });

  test('month 2 is not month 1; month 4 brings the quarterly task back', () => {
    assert.deepEqual(plan({}, '2026-10').items.map((i) => i.templateId), ['tt-b', 'tt-d']);
    assert.deepEqual(plan({}, '2026-11').items.map((i) => i.templateId), ['tt-b', 'tt-d']);
    assert.deepEqual(plan({}, '2026-12').items.map((i) => i.templateId), ['tt-b', 'tt-c', 'tt-d']);
    assert.equal(plan({}, '2026-12').monthNumber, 4);
    assert.equal(plan({}, '2027-01').monthNumber, 5);
  });

  test('due dates clamp to the month end (offset 30 in a 30-day month and in February)', () => {
    assert.equal(plan({}, '2026-11').items.find((i) => i.templateId === 'tt-d')?.dueDate, '2026-11-30');
    assert.equal(plan({}, '2027-02').items.find((i) => i.templateId === 'tt-d')?.dueDate, '2027-02-28');
  });

  test('a service starting mid-month gets its first set at once, dated from the start day', () => {
    const p = plan({ startDate: '2026-09-20' }, '2026-09');
    assert.equal(p.status, 'planned');
    assert.deepEqual(
      p.items.map((i) => [i.templateId, i.dueDate]),
      [
        ['tt-b', '2026-09-23'],
        ['tt-a', '2026-09-30'],
        ['tt-c', '2026-09-30'],
      ],
    );
    // The next month starts on the 1st again.
    assert.equal(plan({ startDate: '2026-09-20' }, '2026-10').items[0]?.dueDate, '2026-10-04');
  });

  test('paused, ended and not-yet-started services get an empty plan with a reason', () => {
    const paused = plan({ status: 'paused' }, '2026-10');
    assert.equal(paused.status, 'skipped');
    if (paused.status === 'skipped') assert.equal(paused.reason, 'service-paused');
    assert.deepEqual(paused.items, []);
    const ended = plan({ status: 'ended' }, '2026-10');
    assert.equal(ended.status === 'skipped' && ended.reason, 'service-ended');
    const early = plan({}, '2026-08');
    assert.equal(early.status === 'skipped' && early.reason, 'before-start');
    assert.equal(early.monthNumber, 0);
    assert.equal(early.plannedHours, 0);
  });

  test('a month in which no template fires is skipped as no-tasks', () => {
    const p = planTaskSet({ service: service(), clientName: 'Acme', templates: [tpl('tt-x', { rule: { kind: 'first-month' } })], month: '2026-10', language: 'en' });
    assert.equal(p.status === 'skipped' && p.reason, 'no-tasks');
  });

  test('assignees: first of the role, manager for the manager role, else nobody', () => {
    const p = plan({}, '2026-10');
    assert.equal(p.items.find((i) => i.templateId === 'tt-b')?.assigneeAccountId, 'u-seo');
    assert.equal(p.items.find((i) => i.templateId === 'tt-d')?.assigneeAccountId, 'u-manager');
    assert.equal(plan({}, '2026-09').items.find((i) => i.templateId === 'tt-c')?.assigneeAccountId, null);
    assert.equal(assigneeFor(service({ team: { manager: ['u-other'] } }), 'manager'), 'u-other');
  });

  test('labels and summaries', () => {
    const item = plan({}, '2026-10').items[0];
    assert.ok(item);
    assert.equal(item.summary, 'Title tt-b · 2026-10');
    assert.deepEqual(item.labels, ['retainer', 'retainer-month-2026-10', 'retainer-tpl-tt-b', 'some-label']);
    assert.deepEqual(item.checklist, ['Step one']);
    assert.deepEqual(parsePlanLabels(item.labels), { ours: true, epic: false, extra: false, month: '2026-10', templateId: 'tt-b' });
    assert.deepEqual(epicLabels('2026-10'), ['retainer', 'retainer-epic', 'retainer-month-2026-10']);
  });

  test('agency language with English fallback, localized epic month', () => {
    const uk = planTaskSet({ service: service(), clientName: 'Кавова Хата', templates: TEMPLATES, month: '2026-11', language: 'uk' });
    assert.equal(uk.epicSummary, 'Кавова Хата · SEO · Листопад 2026');
    assert.equal(uk.items[0]?.summary, 'Назва tt-b · 2026-11');
    assert.equal(uk.items[0]?.description, 'Do tt-b');
    const ru = planTaskSet({ service: service({ type: 'targeted-ads' }), clientName: 'Медлайн', templates: [tpl('tt-t', { serviceType: 'targeted-ads' })], month: '2026-11', language: 'ru' });
    assert.equal(ru.epicSummary, 'Медлайн · Таргетированная реклама · Ноябрь 2026');
    assert.equal(ru.items[0]?.summary, 'Title tt-t · 2026-11');
    assert.deepEqual(ru.items[0]?.checklist, ['Шаг один']);
  });

  test('extra templates join the set with the extra label, after rule tasks of the same day', () => {
    const p = plan({}, '2026-10', ['tt-b', 'tt-a']);
    assert.deepEqual(
      p.items.map((i) => [i.templateId, i.labels.includes('retainer-extra')]),
      [
        ['tt-b', false],
        ['tt-b', true],
        ['tt-a', true],
        ['tt-d', false],
      ],
    );
    assert.equal(p.plannedHours, 1.5 + 1.5 + 8 + 3);
  });

  test('unknown, inactive or other-type extras are a validation error naming them', () => {
    assert.throws(
      () => plan({}, '2026-10', ['tt-e', 'tt-f', 'tt-zzz']),
      (e: unknown) => e instanceof ValidationError && /tt-e, tt-f, tt-zzz/.test(e.fields?.['templateIds'] ?? ''),
    );
  });

  test('malformed month or start date throws ValidationError', () => {
    assert.throws(() => plan({}, '2026-13'), ValidationError);
    assert.throws(() => plan({ startDate: '2026-02-30' }, '2026-03'), ValidationError);
  });

  test('the shipped SEO catalog: month 1 and month 2 differ, hours are plausible', () => {
    const templates = defaultTemplatesFor('seo');
    const m1 = planTaskSet({ service: service(), clientName: 'Acme', templates, month: '2026-09', language: 'uk' });
    const m2 = planTaskSet({ service: service(), clientName: 'Acme', templates, month: '2026-10', language: 'uk' });
    assert.ok(m1.items.some((i) => i.templateId === 'tt-seo-technical-audit'));
    assert.ok(!m2.items.some((i) => i.templateId === 'tt-seo-technical-audit'));
    assert.ok(m2.items.some((i) => i.templateId === 'tt-seo-link-building'));
    assert.ok(m1.plannedHours > 20 && m1.plannedHours < 80, String(m1.plannedHours));
  });

  test('property: every item is due inside the month, labels have no spaces, order is by due date', () => {
    const templates = defaultTemplatesFor('google-ads');
    fc.assert(
      fc.property(
        fc.integer({ min: 2024, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('en' as const, 'uk' as const, 'ru' as const),
        (y, m, d, ahead, lang) => {
          const start = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const idx = y * 12 + (m - 1) + ahead;
          const month = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
          const p = planTaskSet({ service: service({ type: 'google-ads', startDate: start }), clientName: 'X', templates, month, language: lang });
          assert.equal(p.monthNumber, ahead + 1);
          for (const it of p.items) {
            assert.ok(it.dueDate.startsWith(month), `${it.dueDate} in ${month}`);
            if (ahead === 0) assert.ok(it.dueDate >= start);
            for (const l of it.labels) assert.ok(!/\s/.test(l) && l.length <= 255);
          }
          const dates = p.items.map((i) => i.dueDate);
          assert.deepEqual(dates, [...dates].sort());
          assert.equal(p.plannedHours, p.items.reduce((s, i) => s + i.estimateHours, 0));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('planExtraTasks', () => {
  const input = { service: service(), clientName: 'Acme', templates: TEMPLATES, month: '2026-10', language: 'en' as const };

  test('items carry the extra label; due dates count from today when today is in the month', () => {
    const items = planExtraTasks({ ...input, templateIds: ['tt-a', 'tt-b'], today: '2026-10-20' });
    assert.deepEqual(
      items.map((i) => [i.templateId, i.dueDate]),
      [
        ['tt-b', '2026-10-23'],
        ['tt-a', '2026-10-30'],
      ],
    );
    assert.ok(items.every((i) => i.labels.includes('retainer-extra')));
    // Without today (or today in another month) the month start counts.
    assert.equal(planExtraTasks({ ...input, templateIds: ['tt-b'] })[0]?.dueDate, '2026-10-04');
    assert.equal(planExtraTasks({ ...input, templateIds: ['tt-b'], today: '2026-09-30' })[0]?.dueDate, '2026-10-04');
  });

  test('refuses paused services, months before the start, empty or unknown ids', () => {
    assert.throws(() => planExtraTasks({ ...input, service: service({ status: 'paused' }), templateIds: ['tt-a'] }), ValidationError);
    assert.throws(() => planExtraTasks({ ...input, month: '2026-08', templateIds: ['tt-a'] }), ValidationError);
    assert.throws(() => planExtraTasks({ ...input, templateIds: [] }), ValidationError);
    assert.throws(() => planExtraTasks({ ...input, templateIds: ['tt-nope'] }), ValidationError);
  });
});

describe('keys, chunks, durations, allowance', () => {
  test('idempotency keys are deterministic and storage-safe', () => {
    assert.equal(taskSetKey('sv-1', '2026-11'), 'taskset:sv-1:2026-11');
    assert.equal(taskItemKey('sv-1', '2026-11', 'tt-seo-keyword-research', 2), 'taskitem:sv-1:2026-11:tt-seo-keyword-research:2');
    assert.throws(() => taskItemKey('sv-1', '2026-11', 'tt-x', 0), RangeError);
    assert.throws(() => taskSetKey('sv/1', '2026-11'), RangeError);
    assert.throws(() => taskSetKey('sv-1', '2026-1'), ValidationError);
  });

  test('chunk', () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunk([], 50), []);
    assert.equal(chunk(Array.from({ length: 120 }, (_, i) => i)).length, 3);
    assert.throws(() => chunk([1], 0), RangeError);
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.integer({ min: 1, max: 60 }), (xs, size) => {
        const parts = chunk(xs, size);
        assert.deepEqual(parts.flat(), xs);
        assert.ok(parts.every((p) => p.length >= 1 && p.length <= size));
        assert.equal(parts.length, Math.ceil(xs.length / size));
      }),
      { numRuns: 100 },
    );
  });

  test('Jira durations, hand-checked', () => {
    assert.equal(formatJiraDuration(3.5), '3h 30m');
    assert.equal(formatJiraDuration(2), '2h');
    assert.equal(formatJiraDuration(0.75), '45m');
    assert.equal(formatJiraDuration(0), '0m');
    assert.equal(formatJiraDuration(1 / 60), '1m');
    assert.equal(formatJiraDuration(40), '40h');
    assert.throws(() => formatJiraDuration(-1), RangeError);
    assert.equal(parseJiraDuration('3h 30m'), 3.5);
    assert.equal(parseJiraDuration('2h30m'), 2.5);
    assert.equal(parseJiraDuration('1w 2d 3h'), 40 + 16 + 3);
    assert.equal(parseJiraDuration('1d', { hoursPerDay: 6 }), 6);
    assert.equal(parseJiraDuration('1,5h'), 1.5);
    assert.equal(parseJiraDuration('90m'), 1.5);
    assert.equal(parseJiraDuration('3 hours'), null);
    assert.equal(parseJiraDuration('3h 3h'), null);
    assert.equal(parseJiraDuration(''), null);
  });

  test('property: quarter-hour durations round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 744 }), (q) => {
        assert.equal(parseJiraDuration(formatJiraDuration(q / 4)), q / 4);
      }),
      { numRuns: 300 },
    );
  });

  test('allowance check', () => {
    assert.deepEqual(allowanceCheck(30, 40), { overBy: 0, ratio: 0.75, level: 'ok' });
    assert.deepEqual(allowanceCheck(36, 40), { overBy: 0, ratio: 0.9, level: 'warning' });
    assert.deepEqual(allowanceCheck(40, 40), { overBy: 0, ratio: 1, level: 'warning' });
    assert.deepEqual(allowanceCheck(45.5, 40), { overBy: 5.5, ratio: 1.1375, level: 'over' });
    assert.deepEqual(allowanceCheck(10, 0), { overBy: 0, ratio: null, level: 'ok' });
  });

  test('dueDateFor handles leap February', () => {
    assert.equal(dueDateFor(service(), '2028-02', 30), '2028-02-29');
    assert.equal(dueDateFor(service({ startDate: '2028-02-10' }), '2028-02', 0), '2028-02-10');
  });
});
