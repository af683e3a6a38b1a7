// Line and bar charts drawn as PDF vector graphics: title, legend, y gridlines with tick labels, x labels
// that thin out when they would collide, null values as gaps.
import type { Color } from 'pdf-lib';
import { formatAxisValue } from '../format';
import { reportTexts } from '../i18n';
import type { ReportLanguage } from '../report-model';
import type { ChartView } from '../report-view';
import { COLORS, hex, type PdfCanvas, type TextStyle } from './canvas';

export const SERIES_COLORS: readonly Color[] = ['#0C66E4', '#E56910', '#1F845A', '#8F7EE7', '#C9372C', '#2898BD', '#B38600', '#943D73'].map(hex);

export interface ChartBox {
  x: number;
  top: number;
  width: number;
  height: number;
}

const CHART_HEIGHT = 175;
const CHART_GAP = 14;
const COLUMN_GAP = 18;

/**
 * Flows charts from the cursor: two per row (a dashboard-like grid that saves a page on most reports),
 * an odd last chart at full width.
 */
export function drawCharts(c: PdfCanvas, charts: readonly ChartView[], lang: ReportLanguage): void {
  for (let i = 0; i < charts.length; i += 2) {
    const pair = charts.slice(i, i + 2);
    c.ensure(CHART_HEIGHT);
    const w = pair.length === 2 ? (c.width - COLUMN_GAP) / 2 : c.width;
    pair.forEach((chart, k) => drawChart(c, chart, lang, { x: c.left + k * (w + COLUMN_GAP), top: c.y, width: w, height: CHART_HEIGHT }));
    c.y += CHART_HEIGHT + CHART_GAP;
  }
}

export interface NiceScale {
  lo: number;
  hi: number;
  step: number;
  ticks: number[];
}

const tidy = (v: number): number => Number(v.toPrecision(12));

/** An axis range that includes 0 and the data, split into round steps (1, 2, 2.5, 5 × 10^k). */
export function niceScale(min: number, max: number, maxTicks = 5, integer = false): NiceScale {
  let lo = Math.min(0, Number.isFinite(min) ? min : 0);
  let hi = Math.max(0, Number.isFinite(max) ? max : 0);
  if (hi === lo) hi = lo + 1;
  const rough = (hi - lo) / Math.max(1, maxTicks - 1);
  const pow = 10 ** Math.floor(Math.log10(rough));
  let step = ([1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow);
  if (integer && step < 1) step = 1;
  lo = tidy(Math.floor(lo / step) * step);
  hi = tidy(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 2; i++) ticks.push(tidy(lo + i * step));
  return { lo, hi, step, ticks };
}

const r2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Draws one chart into a box on the current page (does not move the cursor). */
export function drawChart(c: PdfCanvas, chart: ChartView, lang: ReportLanguage, box: ChartBox): void {
  const { top, height } = box;
  const x0 = box.x;
  const w = box.width;

  const titleStyle: TextStyle = { face: 'bold', size: 9.5, color: COLORS.text };
  const legendStyle: TextStyle = { face: 'regular', size: 7.5, color: COLORS.subtle };
  const tickStyle: TextStyle = { face: 'regular', size: 7, color: COLORS.subtlest };

  // Title, and the legend on the same line when it fits, else on the next.
  const title = c.wrap(chart.title, titleStyle, w)[0] ?? '';
  c.text(title, x0, top + titleStyle.size, titleStyle);
  const items = chart.series.map((s, i) => {
    const label = c.clean(s.label);
    return { label, color: SERIES_COLORS[i % SERIES_COLORS.length] ?? COLORS.brand, width: 14 + c.measure(label, legendStyle) };
  });
  const legendW = items.reduce((a, it) => a + it.width, 0) + Math.max(0, items.length - 1) * 10;
  const titleW = c.measure(title, titleStyle);
  const legendInline = titleW + 16 + legendW <= w;
  const legendBaseline = legendInline ? top + titleStyle.size : top + titleStyle.size + 14;
  let lx = legendInline ? x0 + w - legendW : x0;
  for (const it of items) {
    const cy = legendBaseline - legendStyle.size * 0.36;
    if (chart.kind === 'line') {
      c.line(lx, cy, lx + 10, cy, it.color, 1.6);
    } else {
      c.rect(lx + 1.5, cy - 3.5, 7, 7, { fill: it.color });
    }
    c.text(it.label, lx + 14, legendBaseline, legendStyle);
    lx += it.width + 10;
  }

  // Plot area.
  const plotTop = legendBaseline + 10;
  const plotBottom = top + height - 16;
  const plotH = plotBottom - plotTop;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const scale = niceScale(Math.min(...values, 0), Math.max(...values, 0), 5, chart.unit === 'count' && values.every(Number.isInteger));
  const tickLabels = scale.ticks.map((t) => c.clean(formatAxisValue(t, chart.unit, lang, chart.currency)));
  const labelW = Math.max(...tickLabels.map((l) => c.measure(l, tickStyle)), 10);
  const plotLeft = x0 + labelW + 6;
  const plotRight = x0 + w - 2;
  const plotW = plotRight - plotLeft;
  const yOf = (v: number): number => plotTop + ((scale.hi - v) / (scale.hi - scale.lo)) * plotH;

  scale.ticks.forEach((t, i) => {
    const y = yOf(t);
    c.line(plotLeft, y, plotRight, y, t === 0 ? COLORS.borderStrong : COLORS.border, t === 0 ? 0.8 : 0.4);
    const label = tickLabels[i] ?? '';
    c.text(label, plotLeft - 5 - c.measure(label, tickStyle), y + tickStyle.size * 0.36, tickStyle);
  });

  const n = chart.xLabels.length;
  if (n === 0 || values.length === 0) {
    const msg = c.clean(reportTexts(lang).noDataForPeriod);
    c.alignedText(msg, plotLeft, plotW, plotTop + plotH / 2, { ...tickStyle, size: 9 }, 'center');
    return;
  }

  // X positions: band centres for bars, evenly spread points for lines.
  const band = plotW / n;
  const xOf = (i: number): number => (chart.kind === 'bar' ? plotLeft + band * (i + 0.5) : n === 1 ? plotLeft + plotW / 2 : plotLeft + (plotW * i) / (n - 1));
  const xLabels = chart.xLabels.map((l) => c.clean(l));
  const maxLabelW = Math.max(...xLabels.map((l) => c.measure(l, tickStyle)));
  const slot = chart.kind === 'bar' || n === 1 ? band : plotW / (n - 1);
  const every = Math.max(1, Math.ceil((maxLabelW + 8) / slot));
  let lastRight = -Infinity;
  xLabels.forEach((label, i) => {
    if (i % every !== 0) return;
    const lw = c.measure(label, tickStyle);
    const x = Math.min(Math.max(xOf(i) - lw / 2, plotLeft - 4), plotRight - lw);
    // The last label is pulled inside the plot and may then collide with its neighbour.
    if (x < lastRight + 4) return;
    lastRight = x + lw;
    c.text(label, x, plotBottom + 10, tickStyle);
    c.line(xOf(i), plotBottom, xOf(i), plotBottom + 2.5, COLORS.borderStrong, 0.5);
  });

  const zeroY = yOf(Math.min(Math.max(0, scale.lo), scale.hi));
  if (chart.kind === 'bar') {
    const group = band * 0.72;
    const k = Math.max(1, chart.series.length);
    const barW = group / k;
    chart.series.forEach((s, si) => {
      const color = SERIES_COLORS[si % SERIES_COLORS.length] ?? COLORS.brand;
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = xOf(i) - group / 2 + si * barW;
        const y = yOf(v);
        const h = Math.abs(zeroY - y);
        if (h < 0.01) return;
        c.rect(x + 0.3, Math.min(y, zeroY), Math.max(0.4, barW - 0.6), h, { fill: color });
      });
    });
  } else {
    chart.series.forEach((s, si) => {
      const color = SERIES_COLORS[si % SERIES_COLORS.length] ?? COLORS.brand;
      // Continuous runs between nulls.
      const runs: { i: number; v: number }[][] = [];
      let run: { i: number; v: number }[] = [];
      s.values.forEach((v, i) => {
        if (v === null) {
          if (run.length > 0) runs.push(run);
          run = [];
        } else run.push({ i, v });
      });
      if (run.length > 0) runs.push(run);
      const px = (i: number): string => r2(xOf(i) - plotLeft);
      const py = (v: number): string => r2(yOf(v) - plotTop);
      if (chart.series.length === 1) {
        for (const r of runs) {
          if (r.length < 2) continue;
          const first = r[0];
          const last = r[r.length - 1];
          if (!first || !last) continue;
          const area = `M${px(first.i)},${r2(zeroY - plotTop)} ${r.map((p) => `L${px(p.i)},${py(p.v)}`).join(' ')} L${px(last.i)},${r2(zeroY - plotTop)} Z`;
          c.path(area, plotLeft, plotTop, { fill: color, fillOpacity: 0.1 });
        }
      }
      const d = runs.map((r) => r.map((p, k) => `${k === 0 ? 'M' : 'L'}${px(p.i)},${py(p.v)}`).join(' ')).join(' ');
      if (d) c.path(d, plotLeft, plotTop, { stroke: color, strokeWidth: 1.4 });
      // Markers when points are few, and for isolated points that would otherwise be invisible.
      for (const r of runs) {
        if (n > 16 && r.length > 1) continue;
        for (const p of r) {
          c.page.drawCircle({ x: xOf(p.i), y: c.page.getHeight() - yOf(p.v), size: 1.9, color: COLORS.white, borderColor: color, borderWidth: 1.1 });
        }
      }
    });
  }
  c.line(plotLeft, plotBottom, plotRight, plotBottom, COLORS.borderStrong, 0.8);
}
