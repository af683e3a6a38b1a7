// npm run bench [-- <suite>...]: runs benchmark suites; each prints its figures as ONE JSON object
// on the last line of standard output (all suites: one object keyed by suite name).
import { suites } from './suites';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(suites);
const unknown = names.filter((n) => !(n in suites));
if (unknown.length > 0) {
  process.stderr.write(`Unknown suite(s): ${unknown.join(', ')}. Available: ${Object.keys(suites).join(', ')}\n`);
  process.exit(2);
}
const results: Record<string, unknown> = {};
for (const name of names) {
  const suite = suites[name as keyof typeof suites];
  process.stderr.write(`bench ${name}…\n`);
  results[name] = await suite();
}
process.stdout.write(`${JSON.stringify(names.length === 1 ? results[names[0] as string] : results)}\n`);
process.exit(0);
