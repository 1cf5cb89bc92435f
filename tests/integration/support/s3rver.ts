import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** s3rver's default credentials; it checks request signatures against them. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  port: number;
  directory: string;
  bucket: string;
  close(): Promise<void>;
  /**
   * Removes objects whose PUT was cut off. S3 (and MinIO, Ceph RGW) store an object whole or not at all; s3rver
   * writes the body as it arrives and its metadata only at the end, so a client killed mid-PUT leaves a partial
   * object without metadata, on which every HEAD then fails. Tests that SIGKILL uploaders call this after each
   * kill, to keep S3's all-or-nothing PUT. Returns how many it removed.
   */
  removeCutShortObjects(): Promise<number>;
}

const OBJECT_SUFFIX = '._S3rver_object';

/** A real S3-protocol server (s3rver) on loopback, with one bucket, in a temp folder. */
export async function startS3rver(bucket = 'clinic-sync'): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 'cw-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    bucket,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
    async removeCutShortObjects() {
      let removed = 0;
      for (const name of await readdir(directory, { recursive: true })) {
        if (!name.endsWith(OBJECT_SUFFIX)) continue;
        const base = join(directory, name.slice(0, -OBJECT_SUFFIX.length));
        const whole = await access(`${base}._S3rver_metadata.json`).then(() => true, () => false);
        if (whole) continue;
        await rm(`${base}${OBJECT_SUFFIX}`, { force: true });
        await rm(`${base}${OBJECT_SUFFIX}.md5`, { force: true });
        removed++;
      }
      return removed;
    },
  };
}
