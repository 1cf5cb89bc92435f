import type { Handlers } from '../../platform/router.ts';
import { signedIn } from '../../platform/router.ts';
import type { PacsService } from './pacs-service.ts';

type PacsChannels = Extract<keyof Handlers, `imaging.pacs.${string}`>;

export function pacsHandlers(pacs: PacsService): Pick<Handlers, PacsChannels> {
  return {
    'imaging.pacs.list': () => pacs.list(),
    'imaging.pacs.save': (input) => pacs.save(input),
    'imaging.pacs.remove': ({ id }) => pacs.remove(id),
    'imaging.pacs.test': ({ id }) => pacs.test(id),
    'imaging.pacs.search': ({ pacsId, ...query }) => pacs.search(pacsId, query),
    'imaging.pacs.retrieve': ({ pacsId, studyInstanceUid }, context) => pacs.retrieve(signedIn(context), pacsId, studyInstanceUid),
    'imaging.pacs.send': ({ pacsId, studyId }, context) => pacs.send(signedIn(context), pacsId, studyId),
    'imaging.pacs.job': ({ jobId }, context) => pacs.job(signedIn(context), jobId),
  };
}
