/**
 * A process with the real services open (a clinic set up, so the store and sync workers hold the database) that
 * quits as the Electron shell does; prints `closed` once the services have closed. Argument: the data folder.
 */
import { EventEmitter } from 'node:events';
import { createServices } from '../../../main/app/services.ts';
import { silentLogger } from '../../../main/platform/logger.ts';
import { confSettingsBackend } from '../../../main/settings/conf-backend.ts';
import { closeBeforeQuit } from '../../../main/shell/quit.ts';

/** Electron's quit as far as the shell uses it: 'will-quit', then the process ends at once unless a listener prevented it. */
class QuittingApp extends EventEmitter {
  quit(): void {
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) process.exit(0);
  }

  exit(code: number): void {
    process.exit(code);
  }
}

const services = await createServices({ dataDir: process.argv[2]!, settingsBackend: confSettingsBackend, logger: silentLogger(), keyringOptions: { kdf: { N: 2 ** 14, r: 8, p: 1 } } });
const setup = await services.router.invoke({ connectionId: 'quit-test' }, 'setup.initialize', { clinicName: 'Quit test', username: 'admin', displayName: 'Admin', password: 'quit test admin password' });
if (!setup.ok) throw new Error(setup.error.message);
const app = new QuittingApp();
closeBeforeQuit(
  app as never,
  async () => {
    await services.close();
    process.stdout.write('closed\n');
  },
  () => process.exit(3),
);
app.quit();
