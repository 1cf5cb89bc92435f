import { mkdir, open, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.ts';
import type { DatasetDestination } from './destination.ts';

/** A new, empty folder on this PC (created if missing); anything else is refused. */
export async function folderDestination(folder: string): Promise<DatasetDestination> {
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).length > 0) throw new AppError('CONFLICT', 'Choose an empty folder for the dataset.', { details: { reason: 'folder-not-empty' } });
  const written: string[] = [];
  return {
    location: folder,
    async create(name) {
      const path = join(folder, name);
      const handle = await open(path, 'wx');
      written.push(path);
      return {
        write: async (text) => void (await handle.write(text)),
        close: () => handle.close(),
      };
    },
    finish: (manifest) => writeFile(join(folder, 'manifest.json'), manifest, { flag: 'wx' }),
    async abort() {
      await Promise.all(written.map((path) => rm(path, { force: true })));
    },
  };
}
