// Install/upgrade: seed defaults that must exist before anyone opens the app.
import { ensureDefaults } from '../usecases/ensure-defaults';

export async function lifecycle(): Promise<void> {
  await ensureDefaults();
}
