// The rules' defaults reproduce what the app did before; stored partial rules keep their defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NOTIFICATION_RULES, NotificationRulesSchema, escalates, withDefaults } from './notification-rules';

test('defaults: every money alert on, head told of feedback, escalation at 2 or less', () => {
  assert.ok(Object.values(DEFAULT_NOTIFICATION_RULES.moneyAlerts).every(Boolean));
  assert.equal(DEFAULT_NOTIFICATION_RULES.feedbackToHead, true);
  assert.equal(escalates(DEFAULT_NOTIFICATION_RULES, 2), true);
  assert.equal(escalates(DEFAULT_NOTIFICATION_RULES, 3), false);
  assert.equal(escalates({ ...DEFAULT_NOTIFICATION_RULES, escalationAtOrBelow: 0 }, 1), false, '0 switches escalations off');
});

test('stored rules are merged over the defaults; junk falls back to the defaults', () => {
  const r = withDefaults({ moneyAlerts: { underspend: false }, feedbackToHead: false });
  assert.equal(r.moneyAlerts.underspend, false);
  assert.equal(r.moneyAlerts['low-balance'], true);
  assert.equal(r.feedbackToHead, false);
  assert.equal(r.escalationAtOrBelow, 2);
  assert.deepEqual(withDefaults({ escalationAtOrBelow: 'lots' }), DEFAULT_NOTIFICATION_RULES);
  assert.deepEqual(withDefaults(null), DEFAULT_NOTIFICATION_RULES);
  // What the store holds besides the rules (who saved them, when) is not a reason to drop them.
  assert.equal(withDefaults({ feedbackToHead: false, updatedAt: '2026-11-23T10:00:00Z', updatedBy: 'u-admin' }).feedbackToHead, false);
});

test('the schema refuses unknown alert types and out-of-range thresholds', () => {
  assert.equal(NotificationRulesSchema.safeParse({ ...DEFAULT_NOTIFICATION_RULES, moneyAlerts: { ...DEFAULT_NOTIFICATION_RULES.moneyAlerts, bogus: true } }).success, false);
  assert.equal(NotificationRulesSchema.safeParse({ ...DEFAULT_NOTIFICATION_RULES, escalationAtOrBelow: 5 }).success, false);
});
