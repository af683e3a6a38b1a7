// PDF rendering benchmark for issue 7's figures (pdfMedianMs ≤ 300, pdfMedianKB ≤ 300): the sample monthly
// report (Ukrainian: Cyrillic text, four charts, ~35 table rows) rendered `iterations` times in this process.
import { PDFDocument } from 'pdf-lib';
import { sampleReportModel } from '../testing/fixtures';
import { renderReportPdf } from './render-report-pdf';

export interface PdfBenchResult {
  pdfMedianMs: number;
  pdfMedianKB: number;
  pages: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function benchReportPdf(iterations = 20): Promise<PdfBenchResult> {
  const model = sampleReportModel('uk');
  const times: number[] = [];
  const sizes: number[] = [];
  let last: Uint8Array = new Uint8Array();
  for (let i = 0; i < Math.max(1, iterations); i++) {
    const t0 = performance.now();
    last = await renderReportPdf(model);
    times.push(performance.now() - t0);
    sizes.push(last.length / 1024);
  }
  const pages = (await PDFDocument.load(last)).getPageCount();
  return { pdfMedianMs: Math.round(median(times) * 10) / 10, pdfMedianKB: Math.round(median(sizes) * 10) / 10, pages };
}
