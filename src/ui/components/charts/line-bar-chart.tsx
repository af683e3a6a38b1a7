// One chart for every surface: a line or bar chart drawn by chart.js into a canvas of fixed height
// (no layout shift), coloured from design tokens that follow the light/dark theme, with a visually
// hidden table of the same numbers for screen readers. Only the chart.js parts used are registered.
import VisuallyHidden from '@atlaskit/visually-hidden';
import { token } from '@atlaskit/tokens';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { REFERENCE_TOKEN, SERIES_TOKENS, hasAnyValue, resolveCssColor, tableRows, toDatasets, valueFormatter, type ChartKind, type ChartPalette, type ChartSeries } from './chart-data';

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export type { ChartKind, ChartSeries } from './chart-data';

export interface LineBarChartProps {
  kind: ChartKind;
  /** Labels of the x axis (already formatted for people). */
  x: readonly string[];
  series: readonly ChartSeries[];
  /** Unit shown after values ('%' = values are fractions shown as percents). Ignored when `currency` is set. */
  unit?: string;
  /** ISO 4217: values are amounts in this currency's major units. */
  currency?: string;
  /** Declared height in px of the drawing area (default 240). */
  height?: number;
  /** What the chart shows, for the canvas label and the hidden table's caption. */
  ariaLabel: string;
  /** Shown instead of the canvas (same height) when no point has a value. */
  emptyText?: string;
  testId?: string;
}

/** Reads a CSS custom property from the document (design tokens are CSS variables on <html>). */
function readVar(name: string): string {
  return typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name);
}

interface Palette extends ChartPalette {
  text: string;
  grid: string;
}

function currentPalette(): Palette {
  return {
    series: SERIES_TOKENS.map((t) => resolveCssColor(token(t), readVar)),
    reference: resolveCssColor(token(REFERENCE_TOKEN), readVar),
    text: resolveCssColor(token('color.text.subtle'), readVar),
    grid: resolveCssColor(token('color.border'), readVar),
  };
}

/** A counter that changes whenever the theme attributes on <html> change, so colours are re-read. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (typeof MutationObserver === 'undefined') return;
    const obs = new MutationObserver(() => setVersion((v) => v + 1));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-mode', 'data-theme', 'style', 'class'] });
    return () => obs.disconnect();
  }, []);
  return version;
}

export function LineBarChart({ kind, x, series, unit, currency, height = 240, ariaLabel, emptyText, testId }: LineBarChartProps): JSX.Element {
  const i18n = useI18n();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const chartRef = useRef<Chart | null>(null);
  const themeVersion = useThemeVersion();
  const format = useMemo(() => valueFormatter(i18n.intlLocale, { unit, currency }), [i18n.intlLocale, unit, currency]);
  const empty = !hasAnyValue(series);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || empty) return;
    const palette = currentPalette();
    const config: ChartConfiguration<ChartKind, Array<number | null>, string> = {
      type: kind,
      data: { labels: [...x], datasets: toDatasets(kind, x, series, palette) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: series.length > 1, position: 'bottom', labels: { color: palette.text, boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : format(item.parsed.y)}` } },
        },
        scales: {
          x: { ticks: { color: palette.text, maxRotation: 0, autoSkip: true }, grid: { display: false }, border: { color: palette.grid } },
          y: { beginAtZero: kind === 'bar', ticks: { color: palette.text, callback: (v) => format(Number(v)) }, grid: { color: palette.grid } },
        },
      },
    };
    const chart = new Chart(canvas, config);
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [kind, x, series, format, empty, themeVersion]);

  const rows = tableRows(x, series, format);
  return (
    <div data-testid={testId} style={{ position: 'relative', height, width: '100%' }}>
      {empty ? (
        <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center', color: token('color.text.subtlest'), border: `1px dashed ${token('color.border')}`, borderRadius: 4 }}>
          {emptyText ?? ariaLabel}
        </div>
      ) : (
        <canvas ref={canvasRef} role="img" aria-label={ariaLabel} />
      )}
      <VisuallyHidden>
        <table>
          <caption>{ariaLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{''}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r[0]}>
                <th scope="row">{r[0]}</th>
                {r.slice(1).map((c, k) => (
                  <td key={k}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </div>
  );
}
