// call(): the envelope is unwrapped into data or a typed UiError; bridge failures become BRIDGE.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

type Call = { cmd: string; payload: unknown };
const calls: Call[] = [];
let answer: (payload: { functionKey: string; payload: unknown }) => unknown = () => ({ ok: true, data: null });

// @forge/bridge looks the bridge up when it is imported, as in a real Custom UI frame.
(globalThis as { __bridge?: unknown }).__bridge = {
  callBridge: async (cmd: string, payload: unknown) => {
    calls.push({ cmd, payload });
    return answer(payload as { functionKey: string; payload: unknown });
  },
};

let mod: typeof import('./invokes');
before(async () => {
  mod = await import('./invokes');
});

test('resolves with data and sends functionKey + payload through the bridge', async () => {
  answer = (p) => ({ ok: true, data: { echoed: p.functionKey } });
  const data = await mod.call('services/list', { mine: true });
  assert.deepEqual(data, { echoed: 'services/list' });
  const last = calls.at(-1) as Call;
  assert.equal(last.cmd, 'invoke');
  assert.deepEqual((last.payload as Record<string, unknown>).payload, { mine: true });
});

test('an error envelope becomes a UiError with code, fields and details', async () => {
  answer = () => ({ ok: false, error: { code: 'VALIDATION', message: 'Some fields are not valid', fields: { name: 'Name is required' }, details: { resolver: 'clients/save' } } });
  await assert.rejects(mod.call('clients/save', { name: '', legal: { legalName: '' }, language: 'en', currency: 'UAH', contacts: [] }), (e: unknown) => {
    assert.ok(e instanceof mod.UiError);
    assert.equal(e.code, 'VALIDATION');
    assert.equal(e.key, 'clients/save');
    assert.deepEqual(e.fields, { name: 'Name is required' });
    assert.equal(e.hasFieldErrors, true);
    return true;
  });
});

test('a rejected bridge call is a BRIDGE error; a malformed answer is INTERNAL', async () => {
  answer = () => {
    throw new Error('Unknown bridge command');
  };
  await assert.rejects(mod.call('app/viewer', {}), (e: unknown) => e instanceof mod.UiError && e.code === 'BRIDGE' && /Unknown bridge command/.test(e.message));
  answer = () => ({ something: 'else' });
  await assert.rejects(mod.call('app/viewer', {}), (e: unknown) => e instanceof mod.UiError && e.code === 'INTERNAL');
});
