// The icons the UI uses. @atlaskit/icon glyphs ship only as CommonJS; because this package is
// "type": "module", esbuild imports CommonJS the Node way (default = module.exports), so the
// component sits one level down. `interopDefault` unwraps it either way.
import ChevronLeft from '@atlaskit/icon/core/chevron-left';
import ChevronRight from '@atlaskit/icon/core/chevron-right';

export function interopDefault<T>(imported: T): T {
  const inner = (imported as unknown as { default?: T } | null)?.default;
  return typeof imported === 'object' && imported !== null && inner ? inner : imported;
}

export const ChevronLeftIcon = interopDefault(ChevronLeft);
export const ChevronRightIcon = interopDefault(ChevronRight);
