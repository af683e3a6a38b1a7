import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { adfToStorage, parseAdf, storageToAdf, type AdfNode } from './adf';
import { renderStorage } from './render-storage';
import { parseStorage } from './storage-dom';

const KEY = 'app-uuid/env-uuid/static/retainer-report-kpi';

const doc = (...content: AdfNode[]): AdfNode => ({ type: 'doc', version: 1, content } as AdfNode);

describe('ADF ↔ storage', () => {
  test('should produce well-formed storage with marks, lists and tables when converting ADF', () => {
    const storage = adfToStorage(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Work <done>' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'strong' }] }, { type: 'hardBreak' }, { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://a.b/?x=1&y=2' } }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'H' }] }] }] }] },
        { type: 'panel', attrs: { panelType: 'warning' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Careful' }] }] },
        { type: 'paragraph', content: [{ type: 'status', attrs: { text: 'DONE', color: 'green' } }] },
      ),
    );
    assert.deepEqual(parseStorage(storage).errors, []);
    assert.match(storage, /<h2>Work &lt;done&gt;<\/h2>/);
    assert.match(storage, /<strong>Bold<\/strong><br \/><a href="https:\/\/a.b\/\?x=1&amp;y=2">link<\/a>/);
    assert.match(storage, /<table><tbody><tr><th><p>H<\/p><\/th><\/tr><\/tbody><\/table>/);
    assert.match(storage, /ac:name="warning"/);
    assert.match(storage, /<ac:parameter ac:name="colour">Green<\/ac:parameter><ac:parameter ac:name="title">DONE<\/ac:parameter>/);
  });

  test('should carry a Forge extension node into storage that the renderer mounts when the app writes ADF', () => {
    const ext: AdfNode = {
      type: 'extension',
      attrs: {
        extensionType: 'com.atlassian.ecosystem',
        extensionKey: KEY,
        text: 'KPI',
        layout: 'default',
        localId: 'loc-1',
        parameters: { localId: 'loc-1', extensionId: `ari:cloud:ecosystem::extension/${KEY}`, extensionTitle: 'KPI', guestParams: { serviceId: 's-1', metrics: ['clicks', 'leads'] } },
      },
    };
    const storage = adfToStorage(doc(ext));
    assert.match(storage, /<ac:adf-parameter key="local-id">loc-1<\/ac:adf-parameter>/);
    assert.match(storage, /<ac:adf-parameter key="guest-params"><ac:adf-parameter key="serviceId">s-1<\/ac:adf-parameter>/);
    const { macros } = renderStorage(storage, { pageId: '1', attachmentUrl: (f) => f });
    assert.equal(macros.length, 1);
    assert.deepEqual(macros[0]?.parameters['guestParams'], { serviceId: 's-1', metrics: ['clicks', 'leads'] });
    const back = storageToAdf(storage);
    assert.equal(back.content[0]?.type, 'extension');
    assert.equal(back.content[0]?.attrs?.['extensionKey'], KEY);
    assert.deepEqual((back.content[0]?.attrs?.['parameters'] as Record<string, unknown>)['guestParams'], { serviceId: 's-1', metrics: ['clicks', 'leads'] });
  });

  test('should map media file ids to attachment filenames when hooks resolve them', () => {
    const media: AdfNode = { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'file-1', type: 'file', collection: '' } }] };
    const storage = adfToStorage(doc(media), { filenameForFileId: (id) => (id === 'file-1' ? 'chart.png' : undefined) });
    assert.equal(storage, '<ac:image><ri:attachment ri:filename="chart.png" /></ac:image>');
    const back = storageToAdf(storage, { fileIdForFilename: (f) => (f === 'chart.png' ? 'file-1' : undefined) });
    assert.equal(back.content[0]?.type, 'mediaSingle');
  });

  test('should wrap loose inline content in paragraphs when converting storage to ADF', () => {
    const out = storageToAdf('Loose <strong>text</strong><p>Para</p><ul><li>Item</li></ul>');
    assert.deepEqual(out.content.map((n) => n.type), ['paragraph', 'paragraph', 'bulletList']);
    assert.deepEqual(out.content[0]?.content?.[1], { type: 'text', text: 'text', marks: [{ type: 'strong' }] });
    assert.equal(out.content[2]?.content?.[0]?.content?.[0]?.type, 'paragraph');
  });

  test('should reject values that are not ADF documents when parsing atlas_doc_format', () => {
    assert.ok('problem' in parseAdf('not json'));
    assert.ok('problem' in parseAdf('{"type":"paragraph"}'));
    assert.ok('problem' in parseAdf('{"type":"doc","version":1,"content":[{"text":"x"}]}'));
    assert.ok('doc' in parseAdf('{"type":"doc","version":1,"content":[]}'));
  });
});
