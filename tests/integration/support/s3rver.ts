import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Target } from '../../../main/sync/s3-target.ts';

interface S3rverObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: Record<string, string>;
}
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
}
interface S3rverInstance {
  store: FilesystemStore;
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
  /** The app's client on this server's bucket under `prefix` (destroy it when done). */
  target(prefix: string): S3Target;
  close(): Promise<void>;
}

/**
 * Makes s3rver store an object whole or not at all, as S3, MinIO and Ceph RGW do. s3rver writes the body into
 * place as it arrives and the metadata at the end, so a client killed mid-PUT leaves a partial object that HEAD
 * reports as present and GET as absent. Here the body goes to a temporary file (a name s3rver never lists) and is
 * renamed into place only once the request arrived complete.
 */
function storeWhole(store: FilesystemStore): void {
  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const partial = `${objectPath}.${randomUUID()}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content) ? [object.content] : object.content;
    try {
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(content, count, createWriteStream(partial));
      if (object.content instanceof IncomingMessage && !object.content.complete) throw new Error('the request ended before its body');
      await store.putMetadata(object.bucket, object.key, object.metadata);
      await rename(partial, objectPath);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const digest = md5.digest('hex');
    await writeFile(`${objectPath}.md5`, digest);
    return { size, md5: digest };
  };
}

/** A real S3-protocol server (s3rver) on loopback, with one bucket, in a temp folder. */
export async function startS3rver(bucket = 'clinic-sync'): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 'cw-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  storeWhole(server.store);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    bucket,
    target: (prefix) => new S3Target({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket, prefix, forcePathStyle: true }, S3RVER_CREDENTIALS),
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
