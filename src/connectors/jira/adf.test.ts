import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adfToText, bulletList, code, doc, docFromText, heading, link, nestedItem, paragraph, strong, taskList, text } from './adf';

describe('ADF builders', () => {
  test('should keep markup-looking text literal', () => {
    const p = paragraph('*bold* [link](http://x) <b>hi</b> {{panel}}');
    assert.deepEqual(p, { type: 'paragraph', content: [{ type: 'text', text: '*bold* [link](http://x) <b>hi</b> {{panel}}' }] });
  });

  test('should turn newlines into hard breaks and drop control characters', () => {
    assert.deepEqual(text('a\r\nb\u0007'), [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }]);
  });

  test('should not emit empty text nodes when given empty strings', () => {
    assert.deepEqual(paragraph(''), { type: 'paragraph' });
    assert.deepEqual(heading(2, ''), { type: 'heading', attrs: { level: 2 } });
  });

  test('should mix plain and marked inline content', () => {
    assert.deepEqual(paragraph('Total: ', strong('12 h'), ' ', code('x')).content, [
      { type: 'text', text: 'Total: ' },
      { type: 'text', text: '12 h', marks: [{ type: 'strong' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'x', marks: [{ type: 'code' }] },
    ]);
  });

  test('should only link http(s) and mailto targets', () => {
    assert.deepEqual(link('Report', 'https://acme.atlassian.net/wiki/x'), [{ type: 'text', text: 'Report', marks: [{ type: 'link', attrs: { href: 'https://acme.atlassian.net/wiki/x' } }] }]);
    assert.deepEqual(link('click', 'javascript:alert(1)'), [{ type: 'text', text: 'click' }]);
  });

  test('should build lists, nested lists and task lists', () => {
    const list = bulletList(['one', nestedItem('two', bulletList(['two.a']))]);
    assert.equal(list.content.length, 2);
    assert.equal(list.content[1]?.content[1]?.type, 'bulletList');
    const tasks = taskList([{ text: 'Audit', done: true }, 'Report'], (i) => `rt-${i}`);
    assert.deepEqual(tasks, {
      type: 'taskList',
      attrs: { localId: 'rt-list' },
      content: [
        { type: 'taskItem', attrs: { localId: 'rt-0', state: 'DONE' }, content: [{ type: 'text', text: 'Audit' }] },
        { type: 'taskItem', attrs: { localId: 'rt-1', state: 'TODO' }, content: [{ type: 'text', text: 'Report' }] },
      ],
    });
    const random = taskList(['a', 'b']);
    assert.notEqual(random.content[0]?.attrs.localId, random.content[1]?.attrs.localId);
  });

  test('should always produce a valid doc, even when empty', () => {
    assert.deepEqual(doc(), { type: 'doc', version: 1, content: [{ type: 'paragraph' }] });
  });

  test('should split plain text into paragraphs on blank lines', () => {
    const d = docFromText('First line\nsecond line\n\n\nNext paragraph');
    assert.equal(d.content.length, 2);
    assert.equal(adfToText(d), 'First line\nsecond line\nNext paragraph');
  });
});
