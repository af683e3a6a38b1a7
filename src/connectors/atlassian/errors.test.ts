import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitedError, UpstreamError, ValidationError } from '../../shared/errors';
import { AtlassianForbiddenError, NotFoundOrForbiddenError, VersionConflictError, parseErrorBody, translateHttpError } from './errors';
import { fakeHeaders } from './testing/fake-transport';

const ctx = { service: 'Jira', method: 'POST', path: '/rest/api/3/issue', what: 'Issue', id: 'AG-7' };

describe('parseErrorBody', () => {
  test('should read a Jira ErrorCollection', () => {
    const p = parseErrorBody(JSON.stringify({ errorMessages: ["Field 'priority' is required"], errors: { summary: 'You must specify a summary.' } }));
    assert.equal(p.shape, 'jira');
    assert.deepEqual(p.messages, ["Field 'priority' is required"]);
    assert.deepEqual(p.fields, { summary: 'You must specify a summary.' });
  });
  test('should read a Confluence v2 errors array', () => {
    const p = parseErrorBody(JSON.stringify({ errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: 'Bad limit', detail: null }] }));
    assert.equal(p.shape, 'confluence-v2');
    assert.deepEqual(p.messages, ['Bad limit']);
    assert.deepEqual(p.codes, ['INVALID_REQUEST_PARAMETER']);
  });
  test('should read a Confluence v1 statusCode body', () => {
    const body = { statusCode: 400, data: { authorized: true, valid: false, errors: [{ message: { translation: 'A file with that name exists', args: [] } }], successful: false }, message: 'Cannot add' };
    const p = parseErrorBody(JSON.stringify(body));
    assert.equal(p.shape, 'confluence-v1');
    assert.deepEqual(p.messages, ['Cannot add', 'A file with that name exists']);
  });
  test('should not echo HTML pages or throw on garbage', () => {
    assert.deepEqual(parseErrorBody('<html><body>Gateway</body></html>').messages, []);
    assert.equal(parseErrorBody('').shape, 'unknown');
    assert.deepEqual(parseErrorBody('plain failure').messages, ['plain failure']);
  });
});

describe('translateHttpError', () => {
  const h = fakeHeaders();
  test('should be NotFoundOrForbiddenError naming the id when the status is 404', () => {
    const e = translateHttpError(404, h, JSON.stringify({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }), ctx);
    assert.ok(e instanceof NotFoundOrForbiddenError);
    assert.match(e.message, /Issue AG-7/);
    assert.equal(e.details['id'], 'AG-7');
    assert.equal(e.code, 'NOT_FOUND');
  });
  test('should be ValidationError with the field map when the status is 400', () => {
    const e = translateHttpError(400, h, JSON.stringify({ errorMessages: [], errors: { issuetype: 'Specify a valid issue type' } }), ctx);
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.fields, { issuetype: 'Specify a valid issue type' });
    assert.match(e.message, /issuetype: Specify a valid issue type/);
  });
  test('should be VersionConflictError when the status is 409', () => {
    const e = translateHttpError(409, h, JSON.stringify({ errors: [{ status: 409, code: 'CONFLICT', title: 'Version must be 4', detail: null }] }), { ...ctx, service: 'Confluence', what: 'Page', id: '123' });
    assert.ok(e instanceof VersionConflictError);
    assert.match(e.message, /Page 123/);
  });
  test('should be AtlassianForbiddenError when the status is 403', () => {
    assert.ok(translateHttpError(403, h, '', ctx) instanceof AtlassianForbiddenError);
  });
  test('should be RateLimitedError with the server wait when the status is 429', () => {
    const e = translateHttpError(429, fakeHeaders({ 'Retry-After': '9', 'RateLimit-Reason': 'jira-burst-based' }), '', ctx);
    assert.ok(e instanceof RateLimitedError);
    assert.equal(e.retryAfterMs, 9000);
    assert.equal(e.reason, 'jira-burst-based');
  });
  test('should be UpstreamError carrying the status for 5xx and 410', () => {
    const e = translateHttpError(410, h, JSON.stringify({ errorMessages: ['The requested API has been removed.'], errors: {} }), ctx);
    assert.ok(e instanceof UpstreamError);
    assert.equal(e.status, 410);
    assert.match(e.message, /removed/);
  });
});
