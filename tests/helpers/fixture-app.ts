// Builds a fixture Forge app under tests/fixtures/<name> (its own manifest and handlers) so the
// sandbox's own tests don't depend on the product's code.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const built = new Set<string>();

export async function buildFixtureApp(name: string): Promise<string> {
  const root = resolve('tests/fixtures', name);
  if (!built.has(name)) {
    await build({
      entryPoints: [resolve(root, 'src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: resolve(root, 'dist/index.cjs'),
      external: ['@forge/*'],
      logLevel: 'warning',
    });
    built.add(name);
  }
  return root;
}
