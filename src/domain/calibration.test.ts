import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calibrate, median, suggestEstimate, type CalibrationSample } from './calibration';

const done = (templateId: string, loggedHours: number, estimateHours = 4): CalibrationSample => ({ templateId, estimateHours, loggedHours, done: true });

describe('calibration', () => {
  test('median', () => {
    assert.equal(median([]), null);
    assert.equal(median([5]), 5);
    assert.equal(median([7, 5, 6]), 6);
    assert.equal(median([1, 10, 2, 3]), 2.5);
  });

  test('three samples: damped toward the current estimate (0.6 × 6 + 0.4 × 4 = 5.2 → 5.25)', () => {
    const s = calibrate([done('tt-a', 6), done('tt-a', 5), done('tt-a', 7)], [{ templateId: 'tt-a', estimateHours: 4 }]).get('tt-a');
    assert.deepEqual(s, {
      templateId: 'tt-a',
      currentEstimateHours: 4,
      samples: 3,
      totalTasks: 3,
      averageLoggedHours: 6,
      medianLoggedHours: 6,
      suggestedEstimateHours: 5.25,
    });
  });

  test('four samples: weight 0.8 (0.8 × 2.5 + 0.2 × 8 = 3.6 → 3.5)', () => {
    assert.equal(suggestEstimate(8, [1, 10, 2, 3]), 3.5);
  });

  test('five or more samples: the median itself, robust to an outlier', () => {
    const samples = [2, 3, 3.5, 10, 3].map((h) => done('tt-b', h, 2));
    const s = calibrate(samples, [{ templateId: 'tt-b', estimateHours: 2 }]).get('tt-b');
    assert.equal(s?.medianLoggedHours, 3);
    assert.equal(s?.averageLoggedHours, 4.3);
    assert.equal(s?.suggestedEstimateHours, 3);
  });

  test('open tasks and done tasks without hours do not count; too few samples → no suggestion', () => {
    const samples: CalibrationSample[] = [
      done('tt-c', 3),
      done('tt-c', 0),
      { templateId: 'tt-c', estimateHours: 4, loggedHours: 9, done: false },
      done('tt-c', 5),
    ];
    const s = calibrate(samples, [{ templateId: 'tt-c', estimateHours: 4 }]).get('tt-c');
    assert.equal(s?.samples, 2);
    assert.equal(s?.totalTasks, 4);
    assert.equal(s?.averageLoggedHours, 4);
    assert.equal(s?.suggestedEstimateHours, null);
  });

  test('templates without samples appear empty; unknown templates use their tasks\' estimates', () => {
    const stats = calibrate([done('tt-gone', 1, 2), done('tt-gone', 1, 2), done('tt-gone', 1, 3)], [{ templateId: 'tt-new', estimateHours: 5 }]);
    assert.deepEqual(stats.get('tt-new'), {
      templateId: 'tt-new',
      currentEstimateHours: 5,
      samples: 0,
      totalTasks: 0,
      averageLoggedHours: null,
      medianLoggedHours: null,
      suggestedEstimateHours: null,
    });
    // estimate = median(2, 2, 3) = 2; 0.6 × 1 + 0.4 × 2 = 1.4 → 1.5
    assert.equal(stats.get('tt-gone')?.suggestedEstimateHours, 1.5);
  });

  test('suggestions stay within 0.25–160 h', () => {
    assert.equal(suggestEstimate(0.25, [0.01, 0.02, 0.01, 0.02, 0.01]), 0.25);
    assert.equal(suggestEstimate(160, [500, 600, 700, 800, 900]), 160);
  });

  test('property: the suggestion lies between the estimate and the median (within rounding), in 0.25 steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 640 }).map((q) => q / 4),
        fc.array(fc.integer({ min: 1, max: 400 }).map((q) => q / 4), { minLength: 3, maxLength: 30 }),
        (estimate, logged) => {
          const s = suggestEstimate(estimate, logged);
          const m = median(logged) ?? 0;
          assert.ok(s !== null);
          assert.ok(Number.isInteger(s * 4));
          assert.ok(s >= Math.min(estimate, m) - 0.125 && s <= Math.max(estimate, m) + 0.125, `${s} vs ${estimate}/${m}`);
          if (logged.length >= 5) assert.equal(s, Math.min(160, Math.max(0.25, Math.round(m * 4) / 4)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
