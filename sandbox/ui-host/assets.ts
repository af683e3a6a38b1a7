// The host's own static assets: the two browser scripts (compiled from client/*.ts once, on first
// use) and the host stylesheet.
import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const compiled = new Map<string, Promise<string>>();

async function compile(file: string): Promise<string> {
  const source = await readFile(here(file), 'utf8');
  const out = await transform(source, { loader: 'ts', format: 'iife', target: 'es2020', sourcefile: file });
  return out.code;
}

export function clientScript(name: 'frame-bridge' | 'host-page'): Promise<string> {
  let p = compiled.get(name);
  if (!p) {
    p = compile(`./client/${name}.ts`);
    compiled.set(name, p);
    p.catch(() => compiled.delete(name));
  }
  return p;
}

export function hostCss(): Promise<string> {
  return readFile(here('./host.css'), 'utf8');
}
