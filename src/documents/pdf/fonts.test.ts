import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportTexts } from '../i18n';
import { sampleReportModel } from '../testing/fixtures';
import { reportFaces } from './fonts';

describe('report fonts', () => {
  test('should parse once per process', () => {
    assert.equal(reportFaces(), reportFaces());
    assert.equal(reportFaces().regular.postscriptName, 'NotoSans-Regular');
    assert.equal(reportFaces().bold.postscriptName, 'NotoSans-Bold');
  });

  test('should cover every fixed text and the sample reports in both weights', () => {
    const { regular, bold } = reportFaces();
    const samples = (['en', 'uk', 'ru'] as const).flatMap((l) => [...Object.values(reportTexts(l)), JSON.stringify(sampleReportModel(l))]);
    const extra = '₴₽€₸$£¥№«»„“”‘’—–−…•·×≤≥ ҐґЄєІіЇїЁёЪъЫыЭэ ĄąĆćĘęŁłŃńŚśŹźŻż ÄäÖöÜüß ŞşĞğİı ȘșȚț';
    for (const face of [regular, bold]) {
      for (const s of [...samples, extra]) assert.equal(face.clean(s), s);
    }
  });

  test('should replace what the font lacks: stand-ins, ? for unknown scripts, nothing for emoji', () => {
    const { regular } = reportFaces();
    assert.equal(regular.clean('Go → 北京 👍🏽 ok ✓'), 'Go -> ?? ok v');
    assert.equal(regular.clean('a\u00adb'), 'ab');
  });

  test('should measure text with the font advance widths', () => {
    const { regular, bold } = reportFaces();
    assert.equal(regular.widthOf('', 10), 0);
    assert.ok(Math.abs(regular.widthOf('0000', 10) - 4 * regular.widthOf('0', 10)) < 1e-9);
    assert.ok(bold.widthOf('Звіт', 10) > regular.widthOf('Звіт', 10));
    assert.ok(regular.widthOf('W', 10) > 5 && regular.widthOf('W', 10) < 12);
  });
});
