// Custom UI entry: enable product theming, read the context, render the surface for the module.
import '@atlaskit/css-reset/dist/bundle.css';
import './main.css';
import { view } from '@forge/bridge';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { toAppContext } from './platform/context';

async function start(): Promise<void> {
  const rootEl = document.getElementById('root');
  if (!rootEl) throw new Error('index.html has no #root');
  // Theming first: the host then applies the token CSS and data-color-mode to <html>.
  const [, raw] = await Promise.all([view.theme.enable(), view.getContext()]);
  const context = toAppContext(raw);
  document.documentElement.lang = context.language;
  createRoot(rootEl).render(<App context={context} />);
}

start().catch((e: unknown) => {
  // Nothing can render without the bridge; say so plainly instead of a blank frame.
  const el = document.getElementById('root');
  if (el) el.textContent = `Retainer could not start: ${e instanceof Error ? e.message : String(e)}`;
  console.error('Retainer UI failed to start', e);
});
