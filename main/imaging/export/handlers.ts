import type { FileDialogs } from '../../platform/dialogs.ts';
import type { Handlers } from '../../platform/router.ts';
import { signedIn } from '../../platform/router.ts';
import type { ExportService } from './export-service.ts';

type ExportChannels = Extract<keyof Handlers, `imaging.export.${string}`>;

export function exportHandlers(exports: ExportService, dialogs: FileDialogs): Pick<Handlers, ExportChannels> {
  return {
    'imaging.export.studies': async ({ studyIds, deidentify }, context) => {
      const session = signedIn(context);
      const folder = await dialogs.chooseFolder?.();
      return folder ? exports.exportTo(session, studyIds, folder, deidentify) : null;
    },
  };
}
