// Design-token CSS, served by the host the way the product serves it to themed Custom UI:
// after `enableTheming` the frame's <html> gets data-theme / data-color-mode and these sheets.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ColorMode, ThemeApply } from './types';

const require = createRequire(import.meta.url);

/** Theme sheet names the host serves as /__tokens/<name>.css. */
export const TOKEN_SHEETS = ['light', 'dark', 'spacing', 'typography', 'shape', 'motion'] as const;
export type TokenSheet = (typeof TOKEN_SHEETS)[number];

const cache = new Map<TokenSheet, string>();

export function tokenCss(name: string): string | null {
  if (!(TOKEN_SHEETS as readonly string[]).includes(name)) return null;
  const sheet = name as TokenSheet;
  const hit = cache.get(sheet);
  if (hit !== undefined) return hit;
  const root = dirname(require.resolve('@atlaskit/tokens/package.json'));
  const file = join(root, 'dist/cjs/artifacts/themes', `atlassian-${sheet}.js`);
  // Each theme module's default export is the CSS text; read it without executing anything else.
  const mod = require(file) as { default?: unknown };
  if (typeof mod.default !== 'string') throw new Error(`ui-host: ${file} has no CSS string export`);
  cache.set(sheet, mod.default);
  return mod.default;
}

/** The html attributes @atlaskit/tokens expects (same as its getThemeHtmlAttrs for these defaults). */
export function themeAttrs(colorMode: ColorMode): Record<string, string> {
  return {
    'data-theme': 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography',
    'data-color-mode': colorMode,
  };
}

export function themeApply(colorMode: ColorMode): ThemeApply {
  return {
    colorMode,
    attrs: themeAttrs(colorMode),
    stylesheets: [colorMode, 'spacing', 'typography', 'shape', 'motion'].map((n) => `/__tokens/${n}.css`),
  };
}

/** The `theme` entry of the product context (ThemeState of @atlaskit/tokens). */
export function contextTheme(colorMode: ColorMode): Record<string, string> {
  return { colorMode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography', shape: 'shape', motion: 'motion' };
}
