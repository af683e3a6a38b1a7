// @forge/lint's client-side linters, offline (docs/forge-platform.md §5.3): the CLI's lint service
// without login, remote feature flags or the server-side linter; the permission linter reads the
// pinned OpenAPI files instead of downloading them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const specs = path.resolve(process.env.RETAINER_SPECS_DIR || '../shared/specs');
const empty = path.resolve('scripts/lint/empty-spec.json');
Object.assign(process.env, {
  USE_LOCAL_SWAGGER: '1',
  LOCAL_JIRA_SWAGGER: path.join(specs, 'jira-platform.swagger-v3.v3.json'),
  LOCAL_CONF_SWAGGER: path.join(specs, 'confluence.swagger.v3.json'),
  LOCAL_CONF_V2_SWAGGER: path.join(specs, 'confluence.openapi-v2.v3.json'),
  LOCAL_JSM_SWAGGER: empty,
  LOCAL_JSW_SWAGGER: empty,
  LOCAL_BB_SWAGGER: empty,
});
const { lint, reportLintResults, problemCount } = require('@forge/lint');
const { ConfigFile, FileSystemReader, FileSystemWriter, StatsigReader } = require('@forge/cli-shared');

class OfflineFlags extends StatsigReader {
  async checkGate() { return undefined; }
  async getDynamicConfig(name) { return name === 'xls-forge-cli-deprecated-runtimes' ? ['nodejs20.x'] : undefined; }
}
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.name === 'node_modules' || e.name === 'ui' ? [] : e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);

const manifest = await new ConfigFile(new FileSystemReader(), new FileSystemWriter()).readConfig();
const files = walk('src').filter((f) => /\.[jt]sx?$/.test(f) && !/\.test\.[jt]sx?$/.test(f));
const log = { info: console.log, debug() {}, warn: console.warn };
const results = await lint(files, manifest, 'development', log, new OfflineFlags(), { linter: { mode: 'client-side' } });
reportLintResults(log, results);
const counts = problemCount(results);
console.log(`forge lint (offline): ${counts.errors} errors, ${counts.warnings} warnings`);
process.exit(counts.errors ? 1 : 0);
