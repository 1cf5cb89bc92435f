import type { FileDialogs } from '../../platform/dialogs.ts';
import type { Handlers } from '../../platform/router.ts';
import { signedIn } from '../../platform/router.ts';
import type { ImportService } from './import-service.ts';

type ImportChannels = Extract<keyof Handlers, `imaging.import.${string}`>;

export function importHandlers(imports: ImportService, dialogs: FileDialogs): Pick<Handlers, ImportChannels> {
  return {
    'imaging.import.start': ({ paths }, context) => imports.start(signedIn(context), paths),
    'imaging.import.choose': async ({ kind }, context) => {
      const session = signedIn(context);
      const chosen =
        kind === 'folder'
          ? await dialogs.chooseFolder?.().then((folder) => (folder ? [folder] : null))
          : await dialogs.chooseOpenFiles?.({ filterName: 'DICOM', extensions: [] });
      return chosen ? imports.start(session, chosen) : null;
    },
    'imaging.import.status': ({ jobId }, context) => imports.status(signedIn(context), jobId),
    'imaging.import.cancel': ({ jobId }, context) => imports.cancel(signedIn(context), jobId),
  };
}
