import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appIdFromAri,
  attachmentImage,
  bulletList,
  codeBlock,
  escapeXml,
  forgeExtensionKey,
  forgeMacro,
  forgeMacroAdf,
  heading,
  infoPanel,
  link,
  pageLink,
  paragraph,
  statusLozenge,
  strong,
  table,
  toStorage,
  trustedXhtml,
} from './storage';

const HOSTILE = '<script>alert("x")</script> & ]]> \u0000';

describe('storage escaping', () => {
  test('should keep hostile input as text in element content', () => {
    assert.equal(toStorage(paragraph(HOSTILE)), '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; </p>');
    assert.equal(escapeXml("O'Neil & \"Co\""), 'O&#39;Neil &amp; &quot;Co&quot;');
  });

  test('should keep line breaks as <br />', () => {
    assert.equal(toStorage('line 1\nline 2'), '<p>line 1<br />line 2</p>');
  });

  test('should split ]]> inside code blocks so CDATA stays closed', () => {
    const xhtml = codeBlock('a ]]> <b>').xhtml;
    assert.equal(xhtml, '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a ]]]]><![CDATA[> <b>]]></ac:plain-text-body></ac:structured-macro>');
  });

  test('should escape attribute values of images and page links', () => {
    assert.equal(attachmentImage('a"b<.png', { width: 600, alt: 'x&y' }).xhtml, '<ac:image ac:width="600" ac:alt="x&amp;y"><ri:attachment ri:filename="a&quot;b&lt;.png" /></ac:image>');
    assert.equal(
      pageLink('Q&A', { spaceKey: 'ACME', label: 'see ]]>' }).xhtml,
      '<ac:link><ri:page ri:content-title="Q&amp;A" ri:space-key="ACME" /><ac:plain-text-link-body><![CDATA[see ]]]]><![CDATA[>]]></ac:plain-text-link-body></ac:link>',
    );
  });

  test('should drop unsafe link targets', () => {
    assert.equal(link('javascript:alert(1)', 'x').xhtml, 'x');
    assert.equal(link('https://example.com/?a=1&b=2', 'ok').xhtml, '<a href="https://example.com/?a=1&amp;b=2">ok</a>');
  });
});

describe('storage builders', () => {
  test('should wrap table cells in <p> and put header cells in tbody', () => {
    const t = table({ header: ['Owner', 'Hours'], rows: [['Olena', strong('12')], ['<b>', statusLozenge('Green', 'ON TRACK')]], layout: 'wide' });
    assert.equal(
      t.xhtml,
      '<table data-layout="wide"><tbody><tr><th><p>Owner</p></th><th><p>Hours</p></th></tr>' +
        '<tr><td><p>Olena</p></td><td><p><strong>12</strong></p></td></tr>' +
        '<tr><td><p>&lt;b&gt;</p></td><td><p><ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">ON TRACK</ac:parameter></ac:structured-macro></p></td></tr></tbody></table>',
    );
  });

  test('should not wrap block content twice', () => {
    assert.equal(bulletList(['a', [paragraph('b'), 'c']]).xhtml, '<ul><li><p>a</p></li><li><p>b</p><p>c</p></li></ul>');
    assert.equal(toStorage(heading(1, 'T'), 'loose text', trustedXhtml('<hr />')), '<h1>T</h1><p>loose text</p><hr />');
  });

  test('should build info panels with rich-text bodies', () => {
    assert.equal(
      infoPanel('warning', ['Balance low: ', strong('120 UAH')], 'Heads up').xhtml,
      '<ac:structured-macro ac:name="warning"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Balance low: <strong>120 UAH</strong></p></ac:rich-text-body></ac:structured-macro>',
    );
  });
});

describe('Forge macro', () => {
  const input = {
    appId: 'ari:cloud:ecosystem::app/0b5c1b48-2a7e-4f5b-9d6a-1f2e3d4c5b6a',
    environmentId: '7e1c9a40-2b3d-4c5e-8f9a-0b1c2d3e4f5a',
    macroKey: 'client-feedback',
    title: 'Feedback & <rating>',
    localId: 'b1f2c3d4-0000-4000-8000-000000000001',
    guestParams: { reportId: 'r-1', months: ['2026-02', '2026-03'] },
  };

  test('should use the short extension key and a matching extension id', () => {
    assert.equal(appIdFromAri(input.appId), '0b5c1b48-2a7e-4f5b-9d6a-1f2e3d4c5b6a');
    const key = forgeExtensionKey(input);
    assert.equal(key, '0b5c1b48-2a7e-4f5b-9d6a-1f2e3d4c5b6a/7e1c9a40-2b3d-4c5e-8f9a-0b1c2d3e4f5a/static/client-feedback');
    const adf = forgeMacroAdf(input);
    assert.equal(adf.attrs.extensionKey, key);
    assert.equal(adf.attrs.parameters['extensionId'], `ari:cloud:ecosystem::extension/${key}`);
    assert.equal(adf.attrs.parameters['localId'], input.localId);
    assert.deepEqual(adf.attrs.parameters['guestParams'], input.guestParams);
  });

  test('should write the storage form with kebab-case parameters and escaped text', () => {
    const x = forgeMacro(input).xhtml;
    assert.ok(x.startsWith('<ac:adf-extension><ac:adf-node type="extension"><ac:adf-attribute key="extension-type">com.atlassian.ecosystem</ac:adf-attribute>'));
    assert.match(x, /<ac:adf-parameter key="local-id">b1f2c3d4-0000-4000-8000-000000000001<\/ac:adf-parameter>/);
    assert.match(x, /<ac:adf-parameter key="extension-title">Feedback &amp; &lt;rating&gt;<\/ac:adf-parameter>/);
    assert.match(x, /<ac:adf-parameter key="guest-params"><ac:adf-parameter key="reportId">r-1<\/ac:adf-parameter><ac:adf-parameter key="months"><ac:adf-parameter-value>2026-02<\/ac:adf-parameter-value><ac:adf-parameter-value>2026-03<\/ac:adf-parameter-value><\/ac:adf-parameter><\/ac:adf-parameter>/);
    assert.match(x, /<ac:adf-attribute key="local-id">b1f2c3d4-0000-4000-8000-000000000001<\/ac:adf-attribute><\/ac:adf-node><ac:adf-fallback>Feedback &amp; &lt;rating&gt;<\/ac:adf-fallback><\/ac:adf-extension>$/);
  });

  test('should refuse ids that would break the key', () => {
    assert.throws(() => forgeMacro({ ...input, macroKey: 'a/b' }), RangeError);
    assert.throws(() => forgeMacro({ ...input, localId: ' ' }), RangeError);
  });
});
