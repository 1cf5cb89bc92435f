import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { FileDialogs } from '../platform/dialogs.ts';
import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { SessionRegistry } from '../platform/sessions.ts';
import { actorOf } from '../audit/audit-log.ts';
import type { MaintenanceService } from './service.ts';

const BACKUP_FILTER = { filterName: 'Clinic Workstation backup', extensions: ['cwbackup'] } as const;

export function maintenanceHandlers(maintenance: MaintenanceService, dialogs: FileDialogs, sessions: SessionRegistry): Pick<Handlers, 'backup.create' | 'backup.restore'> {
  return {
    'backup.create': async (_request, context) => {
      const stamp = new Date().toISOString().slice(0, 16).replaceAll(':', '');
      const destination = await dialogs.chooseSaveFile({ ...BACKUP_FILTER, defaultName: `clinic-backup-${stamp}.cwbackup` });
      if (!destination) return { cancelled: true };
      const manifest = await maintenance.backup(actorOf(signedIn(context)), destination);
      return { cancelled: false, fileName: basename(destination), bytes: (await stat(destination)).size, createdAt: manifest.createdAt };
    },
    'backup.restore': async (_request, context) => {
      const source = await dialogs.chooseOpenFile(BACKUP_FILTER);
      if (!source) return { cancelled: true };
      const { schemaVersion } = await maintenance.restore(actorOf(signedIn(context)), source);
      // Accounts and roles may differ in the restored records: everyone signs in again.
      for (const session of sessions.all()) sessions.end(session.connectionId);
      return { cancelled: false, fileName: basename(source), schemaVersion };
    },
  };
}
