// Worker threads don't inherit tsx's loader for their entry module on Node 20: register it here,
// then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
