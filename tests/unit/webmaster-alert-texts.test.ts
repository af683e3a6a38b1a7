// Texts and labels of the Webmaster site-problem issues (pure parts of the use case).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alertLabel, alertText, hostUrl, webmasterLink } from '../../src/usecases/metrics/webmaster-alerts';

const HOST = 'https:shop.example:443';

describe('webmaster alert texts', () => {
  test('should show host ids as the URLs people know', () => {
    assert.equal(hostUrl(HOST), 'https://shop.example/');
    assert.equal(hostUrl('http:shop.example:8080'), 'http://shop.example:8080/');
    assert.equal(webmasterLink(HOST), 'https://webmaster.yandex.ru/site/https:shop.example:443/dashboard/');
  });

  test('should make one Jira-safe label per alert occurrence', () => {
    assert.equal(alertLabel('cn-abc', 'problem:DNS_ERROR', '2026-11-02'), 'retainer-webmaster-cn-abc-problem-dns-error-2026-11-02');
    assert.notEqual(alertLabel('cn-abc', 'pages-drop', '2026-10-07'), alertLabel('cn-abc', 'pages-drop', '2026-12-01'));
    assert.ok(!/\s/.test(alertLabel('cn-abc', 'problem:X Y', '2026-11-02')));
  });

  test('should describe a problem with its severity, meaning, date and a link', () => {
    const t = alertText({ kind: 'problem', problemType: 'DNS_ERROR', severity: 'FATAL', since: '2026-11-02' }, HOST, 'Client — SEO');
    assert.equal(t.summary, 'Yandex Webmaster: fatal problem DNS_ERROR on https://shop.example/');
    assert.match(t.paragraphs[0] ?? '', /FATAL problem on https:\/\/shop\.example\/ \(Client — SEO\): DNS_ERROR — the server cannot be reached because of a DNS error\. Its state last changed on 2026-11-02/);
    assert.ok(t.paragraphs.some((p) => p.includes(webmasterLink(HOST))));
    const unknown = alertText({ kind: 'problem', problemType: 'NEW_KIND', severity: 'CRITICAL', since: null }, HOST, 'x');
    assert.match(unknown.paragraphs[0] ?? '', /: NEW_KIND\.$/);
  });

  test('should give drops their size and levels', () => {
    const pages = alertText({ kind: 'pages-drop', since: '2026-10-06', baseline: 1500, latest: 825, latestDate: '2026-10-06' }, HOST, 'x');
    assert.equal(pages.summary, 'Yandex Webmaster: pages in search fell 45% on https://shop.example/');
    const sqi = alertText({ kind: 'sqi-drop', since: '2026-10-07', baseline: 170, latest: 120, latestDate: '2026-10-07' }, HOST, 'x');
    assert.equal(sqi.summary, 'Yandex Webmaster: site quality index fell from 170 to 120 on https://shop.example/');
    assert.match(sqi.paragraphs[0] ?? '', /\(29%\) on 2026-10-07/);
  });
});
