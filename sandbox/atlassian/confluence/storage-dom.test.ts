import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseStorage, textContent } from './storage-dom';

describe('parseStorage', () => {
  test('should report no problems when storage is well-formed XHTML with self-closing tags', () => {
    const r = parseStorage('<p>a<br/>b<br />c</p><ac:image><ri:attachment ri:filename="x.png" /></ac:image><ac:structured-macro ac:name="toc"/>');
    assert.deepEqual(r.errors, []);
    assert.equal(textContent(r.children), 'abc');
  });

  test('should report a problem when a tag is left open or closed out of order', () => {
    assert.equal(parseStorage('<p><strong>x</p>').errors.length, 1);
    assert.equal(parseStorage('<p>unclosed').errors.length, 1);
    assert.equal(parseStorage('<p>a<br>b</p>').errors.length, 1);
  });

  test('should keep CDATA verbatim and decode entities elsewhere when parsing text', () => {
    const r = parseStorage('<p>&lt;&amp;&#x41;</p><ac:plain-text-body><![CDATA[&lt; <raw>]]></ac:plain-text-body>');
    assert.equal(textContent(r.children), '<&A&lt; <raw>');
  });
});
