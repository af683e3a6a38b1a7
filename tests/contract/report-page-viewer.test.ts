// The report page the documents layer writes loads every app macro in the sandbox's Confluence
// page viewer (short extension key, matching extensionId, localId).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderStorage } from '../../sandbox/atlassian/confluence/render-storage';
import { macroLocalId, renderReportStorage, type StorageRenderOptions } from '../../src/documents/report-storage';
import { sampleReportModel } from '../../src/documents/testing/fixtures';

const APP_UUID = '7d0c3a52-5b8e-4f61-9a3e-2f9c1e6b4a10';
const OPTS: StorageRenderOptions = {
  appId: `ari:cloud:ecosystem::app/${APP_UUID}`,
  environmentId: 'b1d2c3e4-0000-4000-8000-000000000001',
  macroKeys: { charts: 'retainer-report-charts', feedback: 'retainer-report-feedback' },
};

describe('report page in the Confluence viewer', () => {
  test('should load every macro in the sandbox Confluence viewer (short key, matching extensionId, localId)', () => {
    const model = sampleReportModel('uk');
    const { html, macros: rendered } = renderStorage(renderReportStorage(model, OPTS), { pageId: '1', attachmentUrl: (f) => `/a/${f}` });
    assert.doesNotMatch(html, /Error loading the extension/);
    assert.equal(rendered.length, 5);
    assert.deepEqual(rendered[0]?.parameters['guestParams'], { reportId: model.reportId, chartId: 'gads-leads' });
    assert.equal(rendered[0]?.localId, macroLocalId(model.reportId, 'chart:gads-leads'));
    assert.equal(rendered[4]?.extensionKey, `${APP_UUID}/${OPTS.environmentId}/static/retainer-report-feedback`);
    assert.match(html, /ТОВ «Квітка Поділля»/);
  });
});
