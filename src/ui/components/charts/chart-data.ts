// Pure helpers behind the chart component: token colours resolved to real colours, series mapped to
// chart.js datasets, and the rows of the accessible table. No DOM, no chart.js: unit-tested.

export type ChartKind = 'line' | 'bar';

export interface ChartSeries {
  label: string;
  /** One value per x label; null = no data for that point (a gap, never a zero). */
  values: ReadonlyArray<number | null>;
  /**
   * A reference to measure the others against (a plan, a target): drawn in REFERENCE_TOKEN, a colour
   * no ordinary series gets, and it does not use up a place in the series palette.
   */
  reference?: boolean;
}

/** The design tokens the series cycle through (categorical chart palette, light and dark). */
export const SERIES_TOKENS = [
  'color.chart.categorical.1',
  'color.chart.categorical.2',
  'color.chart.categorical.3',
  'color.chart.categorical.4',
  'color.chart.categorical.5',
  'color.chart.categorical.6',
  'color.chart.categorical.7',
  'color.chart.categorical.8',
] as const;

/**
 * The one colour of reference series (plan, target): a neutral that follows the theme and is not in
 * SERIES_TOKENS, so a plan never looks like one of the things measured against it.
 */
export const REFERENCE_TOKEN = 'color.chart.gray.boldest' as const;

/** Resolved colours: `series` taken in turn by ordinary series, `reference` for reference series. */
export interface ChartPalette {
  series: readonly string[];
  reference: string;
}

/**
 * `token()` returns `var(--ds-name, #fallback)`; a canvas needs the colour itself. `readVar` looks
 * the custom property up (getComputedStyle in the browser); without a value the fallback is used.
 */
export function resolveCssColor(value: string, readVar: (name: string) => string): string {
  const m = /^var\(\s*(--[A-Za-z0-9-_]+)\s*(?:,\s*(.+))?\)$/.exec(value.trim());
  if (!m) return value;
  const own = readVar(m[1] as string).trim();
  if (own) return own;
  const fallback = m[2]?.trim();
  return fallback ? resolveCssColor(fallback, readVar) : 'currentColor';
}

export interface Dataset {
  label: string;
  data: Array<number | null>;
  borderColor: string;
  backgroundColor: string;
  spanGaps: boolean;
  pointRadius: number;
  borderWidth: number;
  tension: number;
}

/**
 * Series → chart.js datasets, each cut or padded to the x labels. Ordinary series take `palette.series`
 * in turn (counting only ordinary series); reference series all take `palette.reference`.
 */
export function toDatasets(kind: ChartKind, x: readonly string[], series: readonly ChartSeries[], palette: ChartPalette): Dataset[] {
  let ordinary = 0;
  return series.map((s) => {
    let colour: string;
    if (s.reference) colour = palette.reference;
    else {
      colour = palette.series.length > 0 ? (palette.series[ordinary % palette.series.length] as string) : 'currentColor';
      ordinary += 1;
    }
    const data = x.map((_, j) => {
      const v = s.values[j];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    return {
      label: s.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      spanGaps: false,
      pointRadius: kind === 'line' && x.length > 40 ? 0 : 2,
      borderWidth: kind === 'line' ? 2 : 0,
      tension: 0.2,
    };
  });
}

/** Whether any point has a value (an all-gaps chart shows the empty message instead). */
export function hasAnyValue(series: readonly ChartSeries[]): boolean {
  return series.some((s) => s.values.some((v) => typeof v === 'number' && Number.isFinite(v)));
}

/** Rows of the visually hidden table: one per x label, one formatted cell per series ('—' for gaps). */
export function tableRows(x: readonly string[], series: readonly ChartSeries[], format: (n: number) => string): string[][] {
  return x.map((label, j) => [label, ...series.map((s) => {
    const v = s.values[j];
    return typeof v === 'number' && Number.isFinite(v) ? format(v) : '—';
  })]);
}

/** The formatter for axis ticks and tooltips: a currency, a percent of fractions, or a plain number with a unit. */
export function valueFormatter(intlLocale: string, opts: { unit?: string; currency?: string }): (n: number) => string {
  if (opts.currency) {
    try {
      const nf = new Intl.NumberFormat(intlLocale, { style: 'currency', currency: opts.currency, maximumFractionDigits: 2 });
      return (n) => nf.format(n);
    } catch {
      // An unknown currency code: fall through to the plain number and the code as a unit.
    }
  }
  if (opts.unit === '%') {
    const pf = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 1 });
    return (n) => pf.format(n);
  }
  const nf = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 2 });
  // Counts (sessions, clicks…) read best as bare numbers; the report's unit names are not UI words.
  const unit = opts.currency ?? (opts.unit === 'count' ? undefined : opts.unit);
  return unit ? (n) => `${nf.format(n)} ${unit}` : (n) => nf.format(n);
}
