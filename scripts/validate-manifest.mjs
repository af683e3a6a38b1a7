// Full @forge/manifest validation, offline (docs/forge-platform.md §1.3). Gates on errors only:
// the deprecated-egress notice is a warning that still reports success:false.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ProcessorBuilder, ValidationTypes } = require('@forge/manifest');
const file = path.resolve(process.argv[2] || 'manifest.yml');
process.chdir(path.dirname(file));
const r = await ProcessorBuilder.instance()
  .withValidation(ValidationTypes.FULL)
  .withOptions({ deprecatedRuntimes: ['nodejs20.x'] })
  .build()
  .process(file);
const problems = r.errors ?? [];
for (const e of problems) console.log(`${e.level} ${e.line ?? '?'}:${e.column ?? '?'} ${e.message}`);
const bad = problems.filter((e) => e.level === 'error');
console.log(bad.length ? `manifest: INVALID (${bad.length} errors)` : 'manifest: VALID');
process.exit(bad.length ? 1 : 0);
