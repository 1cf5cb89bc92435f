import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../../main/app/services.ts';
import { createLogger, type Logger } from '../../../main/platform/logger.ts';
import { confSettingsBackend } from '../../../main/settings/conf-backend.ts';

/** Real services on a throwaway data folder, with the log captured for assertions. */
export async function testServices(): Promise<{ services: Services; logLines: string[]; logger: Logger; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-unit-'));
  const logLines: string[] = [];
  const logger = createLogger('test', (line) => logLines.push(line));
  const services = await createServices({ dataDir, settingsBackend: confSettingsBackend, logger });
  return {
    services,
    logLines,
    logger,
    cleanup: async () => {
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
