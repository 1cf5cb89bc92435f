import { IMAGE_VIEWERS } from '../../preload/contract/imaging.ts';
import type { Files } from '../files/files.ts';
import type { MediaRoute } from '../media/handler.ts';
import type { Vault } from '../accounts/vault.ts';

/**
 * `/media/instances/<instanceId>`: the decrypted DICOM file (Part 10) of one instance. An instance
 * that reached this workstation through sync without its file yet is fetched from the bucket first
 * (Files.ensure: the sync worker downloads it, checks it against its name and stores it); until
 * then, or if no target has it, a plain 404.
 */
export function instanceMediaRoute(options: { vault: Vault; files: Files }): MediaRoute {
  return {
    pattern: /^instances\/([0-9a-f-]{36})$/,
    roles: IMAGE_VIEWERS,
    async find(instanceId) {
      const blob = await options.vault.store.methods.imaging.instanceBlob(instanceId);
      if (!blob) return null;
      if (!(await options.files.ensure(blob.hash))) return null;
      const blobs = await options.files.blobs();
      return { contentType: 'application/dicom', size: blob.size, read: (start, end) => blobs.stream(blob.hash, { start, end }) };
    },
  };
}
