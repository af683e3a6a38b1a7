import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanLine, cleanText, textBlocks } from './text';

describe('text hygiene', () => {
  test('should drop characters XML cannot carry and normalise line ends', () => {
    assert.equal(cleanText('a\u0000b\u0007c\r\nd\re\tf\uFFFE\uD800g\u{1F680}'), 'abc\nd\ne fg\u{1F680}');
    assert.equal(cleanLine('  many\n\n spaces\there  '), 'many spaces here');
  });

  test('should split free text into paragraphs, line breaks and lists', () => {
    assert.deepEqual(textBlocks('One\ntwo\n\n\n  \nThree\n- a\n* b\n• c\nTail\n\n1. x\n2) y'), [
      { kind: 'paragraph', lines: ['One', 'two'] },
      { kind: 'paragraph', lines: ['Three'] },
      { kind: 'list', ordered: false, items: ['a', 'b', 'c'] },
      { kind: 'paragraph', lines: ['Tail'] },
      { kind: 'list', ordered: true, items: ['x', 'y'] },
    ]);
    assert.deepEqual(textBlocks(' \n\t\n'), []);
    assert.deepEqual(textBlocks('-5% is not a bullet'), [{ kind: 'paragraph', lines: ['-5% is not a bullet'] }]);
  });
});
