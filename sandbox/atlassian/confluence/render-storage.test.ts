import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderStorage, isSafeUrl } from './render-storage';
import { writeAdfExtension } from './forge-extension';

const opts = { pageId: '42', attachmentUrl: (f: string) => `/wiki/download/attachments/42/${encodeURIComponent(f)}` };
const render = (xhtml: string) => renderStorage(xhtml, opts);

const APP = 'a1b2c3d4-0000-4000-8000-000000000001';
const ENV = 'e5f6a7b8-0000-4000-8000-000000000002';
const KEY = `${APP}/${ENV}/static/retainer-feedback`;

function forgeMacro(over: { key?: string; extensionId?: string; localId?: string | null; guest?: Record<string, unknown>; type?: string } = {}): string {
  const key = over.key ?? KEY;
  const parameters: Record<string, unknown> = {
    extensionId: over.extensionId ?? `ari:cloud:ecosystem::extension/${key}`,
    extensionTitle: 'Client feedback',
    forgeEnvironment: 'DEVELOPMENT',
    render: 'native',
    guestParams: over.guest ?? { reportId: 'r-2026-03', kind: 'monthly' },
  };
  if (over.localId !== null) parameters['localId'] = over.localId ?? 'b6f1c0de-1111-4222-8333-444455556666';
  return writeAdfExtension({
    nodeType: 'extension',
    attrs: { extensionType: over.type ?? 'com.atlassian.ecosystem', extensionKey: key, text: 'Client feedback', layout: 'default', parameters },
  });
}

describe('renderStorage', () => {
  test('should render headings, paragraphs, lists and inline marks when given plain storage', () => {
    const { html } = render('<h1>Report</h1><p>Hello <strong>bold</strong> and <em>it</em> <code>x</code></p><ul><li><p>one</p></li></ul><ol start="3"><li>three</li></ol>');
    assert.match(html, /<h1 id="h-report">Report<\/h1>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<em>it<\/em>/);
    assert.match(html, /<code>x<\/code>/);
    assert.match(html, /<ul><li><p>one<\/p><\/li><\/ul>/);
    assert.match(html, /<ol start="3"><li>three<\/li><\/ol>/);
  });

  test('should render tables with header cells and safe spans when given a storage table', () => {
    const { html } = render('<table data-layout="wide"><colgroup><col/><col/></colgroup><tbody><tr><th><p>Owner</p></th><th colspan="2" onclick="x()"><p>Hours</p></th></tr><tr><td><p>Olena</p></td><td rowspan="abc"><p>3</p></td></tr></tbody></table>');
    assert.match(html, /<table class="cf-table"><colgroup><col><col><\/colgroup><tbody><tr><th><p>Owner<\/p><\/th><th colspan="2"><p>Hours<\/p><\/th>/);
    assert.doesNotMatch(html, /onclick/);
    assert.doesNotMatch(html, /rowspan/);
  });

  test('should drop script elements and their content when the body contains hostile markup', () => {
    const { html } = render('<p>ok</p><script>alert(1)</script><p onmouseover="alert(2)">x</p><iframe src="https://evil.example"></iframe><style>body{}</style>');
    assert.equal(html, '<p>ok</p><p>x</p>');
  });

  test('should escape text that looks like markup when the app writes hostile text', () => {
    const { html } = render('<p>&lt;img src=x onerror=alert(1)&gt; &amp; "quotes"</p>');
    assert.equal(html, '<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>');
  });

  test('should block javascript: and data: links when an href is not http(s), mailto or relative', () => {
    const { html } = render('<p><a href="javascript:alert(1)">a</a><a href=" JaVa&#x0A;script:alert(1)">b</a><a href="data:text/html,x">c</a><a href="https://example.com/?a=1&amp;b=2">d</a><a href="/wiki/x">e</a></p>');
    assert.doesNotMatch(html, /javascript/i);
    assert.doesNotMatch(html, /data:/);
    assert.match(html, /<span class="cf-link-blocked">a<\/span>/);
    assert.match(html, /<span class="cf-link-blocked">b<\/span>/);
    assert.match(html, /<a href="https:\/\/example.com\/\?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">d<\/a>/);
    assert.match(html, /<a href="\/wiki\/x">e<\/a>/);
  });

  test('should keep unknown elements as their escaped content when the tag is not on the allow-list', () => {
    const { html } = render('<p><blink>hi</blink><custom-el data-x="1">there</custom-el></p>');
    assert.equal(html, '<p>hithere</p>');
  });

  test('should render info, note, warning and panel macros as panels when given built-in macros', () => {
    const { html } = render('<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Body</p></ac:rich-text-body></ac:structured-macro><ac:structured-macro ac:name="warning"><ac:rich-text-body><p>W</p></ac:rich-text-body></ac:structured-macro>');
    assert.match(html, /<div class="cf-panel cf-panel-info" role="note"><div class="cf-panel-title">Heads up<\/div><div class="cf-panel-body"><p>Body<\/p><\/div><\/div>/);
    assert.match(html, /cf-panel-warning/);
  });

  test('should render a status lozenge with a known colour when given the status macro', () => {
    const { html } = render('<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">ON TRACK</ac:parameter></ac:structured-macro><ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">" onclick="x</ac:parameter><ac:parameter ac:name="title">&lt;b&gt;</ac:parameter></ac:structured-macro></p>');
    assert.match(html, /<span class="cf-status cf-status-green">ON TRACK<\/span>/);
    assert.match(html, /<span class="cf-status cf-status-grey">&lt;b&gt;<\/span>/);
  });

  test('should list headings with anchors when the page has a toc macro', () => {
    const { html } = render('<ac:structured-macro ac:name="toc" /><h2>Work done</h2><h2>Work done</h2><h3>Плана</h3>');
    assert.match(html, /<nav class="cf-toc"><ul><li class="cf-toc-level-2"><a href="#h-work-done">Work done<\/a><\/li><li class="cf-toc-level-2"><a href="#h-work-done-1">Work done<\/a><\/li><li class="cf-toc-level-3"><a href="#h-плана">Плана<\/a><\/li><\/ul><\/nav>/);
    assert.match(html, /<h2 id="h-work-done-1">/);
  });

  test('should render expand as details and code as an escaped pre when given those macros', () => {
    const { html } = render('<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">More</ac:parameter><ac:rich-text-body><p>Hidden</p></ac:rich-text-body></ac:structured-macro><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[if (a < b) { alert("</pre>") }]]></ac:plain-text-body></ac:structured-macro>');
    assert.match(html, /<details class="cf-expand"><summary>More<\/summary><p>Hidden<\/p><\/details>/);
    assert.match(html, /<pre data-language="js"><code>if \(a &lt; b\) \{ alert\(&quot;&lt;\/pre&gt;&quot;\) \}<\/code><\/pre>/);
  });

  test('should point images and attachment links at the attachment URL when they reference ri:attachment', () => {
    const { html } = render('<ac:image ac:width="600" ac:alt="Burn-up"><ri:attachment ri:filename="burn up.png" /></ac:image><p><ac:link><ri:attachment ri:filename="report.pdf" /><ac:plain-text-link-body><![CDATA[PDF <v1>]]></ac:plain-text-link-body></ac:link></p>');
    assert.match(html, /<img class="cf-image" src="\/wiki\/download\/attachments\/42\/burn%20up.png" alt="Burn-up" width="600">/);
    assert.match(html, /<a class="cf-attachment-link" href="\/wiki\/download\/attachments\/42\/report.pdf">PDF &lt;v1&gt;<\/a>/);
  });

  test('should not load remote images with unsafe schemes when ri:url is javascript', () => {
    const { html } = render('<ac:image><ri:url ri:value="javascript:alert(1)" /></ac:image><ac:image><ri:url ri:value="https://cdn.example/x.png" /></ac:image>');
    assert.doesNotMatch(html, /javascript/);
    assert.match(html, /src="https:\/\/cdn.example\/x.png"/);
  });

  test('should emit a placeholder and the macro description when the page embeds a Forge macro', () => {
    const { html, macros } = render(`<p>Before</p>${forgeMacro()}<p>After</p>`);
    assert.equal(macros.length, 1);
    const m = macros[0];
    assert.ok(m);
    assert.equal(m.extensionKey, KEY);
    assert.equal(m.localId, 'b6f1c0de-1111-4222-8333-444455556666');
    assert.equal(m.title, 'Client feedback');
    assert.deepEqual(m.parameters['guestParams'], { reportId: 'r-2026-03', kind: 'monthly' });
    assert.equal(m.parameters['forgeEnvironment'], 'DEVELOPMENT');
    assert.match(html, new RegExp(`<p>Before</p><div class="cf-forge-macro" data-forge-macro="${m.placeholderId}" data-local-id="${m.localId}" data-layout="default"></div><p>After</p>`));
  });

  test('should give each Forge macro its own placeholder when a page embeds the macro twice', () => {
    const { macros } = render(forgeMacro({ localId: 'aaa' }) + forgeMacro({ localId: 'bbb' }));
    assert.deepEqual(macros.map((m) => m.localId), ['aaa', 'bbb']);
    assert.notEqual(macros[0]?.placeholderId, macros[1]?.placeholderId);
  });

  test('should show an extension error instead of a placeholder when the extensionKey is an ARI', () => {
    const { html, macros } = render(forgeMacro({ key: `ari:cloud:ecosystem::extension/${KEY}` }));
    assert.equal(macros.length, 0);
    assert.match(html, /class="cf-macro-error"/);
    assert.match(html, /Error loading the extension!/);
  });

  test('should show an extension error when extensionId and extensionKey disagree or localId is missing', () => {
    assert.equal(render(forgeMacro({ extensionId: 'ari:cloud:ecosystem::extension/other/env/static/x' })).macros.length, 0);
    assert.equal(render(forgeMacro({ localId: null })).macros.length, 0);
  });

  test('should escape hostile guest parameters when they end up in attributes', () => {
    const { html, macros } = render(forgeMacro({ localId: '"><script>alert(1)</script>' }));
    assert.equal(macros.length, 1);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /data-local-id="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });

  test('should render the sanitised fallback when an adf-extension is not a Forge macro', () => {
    const { html, macros } = render(forgeMacro({ type: 'com.atlassian.confluence.macro.core' }).replace('<ac:adf-fallback>Client feedback</ac:adf-fallback>', '<ac:adf-fallback><p>Fallback <script>x</script></p></ac:adf-fallback>'));
    assert.equal(macros.length, 0);
    assert.equal(html, '<p>Fallback </p>');
  });

  test('should render tasks, mentions and layouts when given those storage structures', () => {
    const { html } = renderStorage(
      '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Send invoice</ac:task-body></ac:task></ac:task-list></ac:layout-cell><ac:layout-cell><p><ac:link><ri:user ri:account-id="abc" /></ac:link></p></ac:layout-cell></ac:layout-section></ac:layout>',
      { ...opts, userName: (id) => (id === 'abc' ? 'Olena <M>' : undefined) },
    );
    assert.match(html, /<li class="cf-task"><input type="checkbox" disabled checked> Send invoice<\/li>/);
    assert.match(html, /<span class="cf-mention" data-account-id="abc">@Olena &lt;M&gt;<\/span>/);
    assert.match(html, /<div class="cf-layout-section" data-type="two_equal">/);
  });

  test('should decode common HTML entities when storage uses &nbsp; and numeric references', () => {
    const { html } = render('<p>a&nbsp;b&#8212;c&mdash;d&unknown;</p>');
    assert.equal(html, '<p>a\u00a0b\u2014c\u2014d&amp;unknown;</p>');
  });

  test('should show a notice for macros the viewer does not support when given an unknown macro', () => {
    const { html } = render('<ac:structured-macro ac:name="children"><ac:parameter ac:name="all">true</ac:parameter></ac:structured-macro>');
    assert.match(html, /<div class="cf-macro-unsupported" data-macro="children">/);
  });
});

describe('isSafeUrl', () => {
  test('should accept http(s), mailto, relative and fragment URLs and reject script schemes', () => {
    for (const ok of ['https://a.b/c', 'http://x', 'mailto:a@b.c', '/wiki/x', '#top', 'page.html']) assert.equal(isSafeUrl(ok), true, ok);
    for (const bad of ['javascript:alert(1)', ' javascript:x', 'java\tscript:x', 'vbscript:x', 'data:text/html,x', '//evil.example', '/\\evil', '']) {
      assert.equal(isSafeUrl(bad), false, bad);
    }
    assert.equal(isSafeUrl('mailto:a@b.c', 'image'), false);
  });
});
