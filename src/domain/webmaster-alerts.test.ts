import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeDrop, median, PAGES_RULE, planWebmasterAlerts, SQI_RULE, type DayValue, type ReportedProblem } from './webmaster-alerts';

const days = (start: string, values: number[]): DayValue[] =>
  values.map((value, i) => ({ date: new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value }));

const problem = (type: string, severity: string, state: string): ReportedProblem => ({ type, severity, state, since: '2026-09-01' });

describe('median', () => {
  it('should take the middle value, or the mean of the two middle values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });
});

describe('activeDrop (pages in search)', () => {
  it('should find a drop of 20 % against the median of the previous 7 days', () => {
    const d = activeDrop(days('2026-10-01', [1000, 1010, 990, 1005, 995, 1000, 1002, 790]), PAGES_RULE);
    assert.deepEqual(d, { since: '2026-10-08', baseline: 1000, latest: 790, latestDate: '2026-10-08' });
  });

  it('should not call a 19 % dip a drop', () => {
    assert.equal(activeDrop(days('2026-10-01', [1000, 1000, 1000, 1000, 810]), PAGES_RULE), null);
  });

  it('should keep the drop while the low days become the new median, and end it on recovery', () => {
    const low = [1000, 1000, 1000, 1000, 600, 600, 600, 600, 600, 600, 600, 600];
    assert.equal(activeDrop(days('2026-10-01', low), PAGES_RULE)?.since, '2026-10-05');
    assert.equal(activeDrop(days('2026-10-01', [...low, 950]), PAGES_RULE), null);
  });

  it('should need three known days before it judges', () => {
    assert.equal(activeDrop(days('2026-10-01', [1000, 100]), PAGES_RULE), null);
    assert.equal(activeDrop(days('2026-10-01', [0, 0, 0, 0]), PAGES_RULE), null);
  });

  it('should sort the series by date first', () => {
    const shuffled = days('2026-10-01', [1000, 1000, 1000, 500]).reverse();
    assert.equal(activeDrop(shuffled, PAGES_RULE)?.since, '2026-10-04');
  });
});

describe('activeDrop (SQI)', () => {
  it('should compare each recalculation with the one before', () => {
    const pts = [
      { date: '2026-09-01', value: 120 },
      { date: '2026-09-20', value: 100 },
    ];
    assert.deepEqual(activeDrop(pts, SQI_RULE), { since: '2026-09-20', baseline: 120, latest: 100, latestDate: '2026-09-20' });
    assert.equal(activeDrop([{ date: '2026-09-01', value: 120 }, { date: '2026-09-20', value: 110 }], SQI_RULE), null);
  });
});

describe('planWebmasterAlerts', () => {
  const quiet = { problems: [], pagesInSearch: days('2026-10-01', [1000, 1000, 1000, 1000]), sqi: [] };

  it('should open one alert per new fatal or critical problem and ignore lesser ones', () => {
    const plan = planWebmasterAlerts(
      { ...quiet, problems: [problem('DNS_ERROR', 'FATAL', 'PRESENT'), problem('SSL_CERTIFICATE_ERROR', 'CRITICAL', 'PRESENT'), problem('NO_SITEMAPS', 'POSSIBLE_PROBLEM', 'PRESENT'), problem('THREATS', 'FATAL', 'ABSENT')] },
      [],
    );
    assert.deepEqual(plan.open.map((o) => o.key).sort(), ['problem:DNS_ERROR', 'problem:SSL_CERTIFICATE_ERROR']);
    assert.deepEqual(plan.close, []);
  });

  it('should keep an open problem alert instead of opening it again', () => {
    const plan = planWebmasterAlerts({ ...quiet, problems: [problem('DNS_ERROR', 'FATAL', 'PRESENT')] }, [{ key: 'problem:DNS_ERROR', kind: 'problem' }]);
    assert.deepEqual(plan.open, []);
    assert.deepEqual(plan.keep, ['problem:DNS_ERROR']);
  });

  it('should close a problem alert when the problem is absent or no longer listed, and keep it when the state is undefined', () => {
    const open = [
      { key: 'problem:DNS_ERROR', kind: 'problem' as const },
      { key: 'problem:THREATS', kind: 'problem' as const },
      { key: 'problem:MAIN_PAGE_ERROR', kind: 'problem' as const },
    ];
    const plan = planWebmasterAlerts({ ...quiet, problems: [problem('DNS_ERROR', 'FATAL', 'ABSENT'), problem('MAIN_PAGE_ERROR', 'FATAL', 'UNDEFINED')] }, open);
    assert.deepEqual(plan.close.map((c) => c.key).sort(), ['problem:DNS_ERROR', 'problem:THREATS']);
    assert.deepEqual(plan.keep, ['problem:MAIN_PAGE_ERROR']);
  });

  it('should open a pages-drop alert once and close it only when pages are back above the remembered line', () => {
    const dropped = days('2026-10-01', [1000, 1000, 1000, 1000, 500, 500, 500, 500, 500, 500, 500, 500]);
    const first = planWebmasterAlerts({ ...quiet, pagesInSearch: dropped }, []);
    assert.equal(first.open[0]?.key, 'pages-drop');
    assert.equal(first.open[0]?.details.kind === 'pages-drop' ? first.open[0].details.baseline : null, 1000);
    const still = planWebmasterAlerts({ ...quiet, pagesInSearch: dropped }, [{ key: 'pages-drop', kind: 'pages-drop', baseline: 1000 }]);
    assert.deepEqual([still.open.length, still.keep], [0, ['pages-drop']]);
    const back = planWebmasterAlerts({ ...quiet, pagesInSearch: [...dropped, { date: '2026-10-13', value: 900 }] }, [{ key: 'pages-drop', kind: 'pages-drop', baseline: 1000 }]);
    assert.deepEqual(back.close.map((c) => c.key), ['pages-drop']);
    assert.match(back.close[0]?.reason ?? '', /recovered: 900/);
  });

  it('should open and close a quality-index alert', () => {
    const sqi = [
      { date: '2026-09-01', value: 200 },
      { date: '2026-10-01', value: 150 },
    ];
    assert.equal(planWebmasterAlerts({ ...quiet, sqi }, []).open[0]?.key, 'sqi-drop');
    const recovered = planWebmasterAlerts({ ...quiet, sqi: [...sqi, { date: '2026-11-01', value: 190 }] }, [{ key: 'sqi-drop', kind: 'sqi-drop', baseline: 200 }]);
    assert.deepEqual(recovered.close.map((c) => c.key), ['sqi-drop']);
  });
});
