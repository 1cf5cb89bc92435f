import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import { S3Target, type TargetConfig, type TargetCredentials } from '../../sync/s3-target.ts';
import type { DatasetDestination } from './destination.ts';

/** Part size of the multipart uploads (S3's minimum), and parts in flight per file. */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * `datasets/<exportId>/` under a sync target's prefix, next to (never inside)
 * the replication objects. The dataset is de-identified for the hospital's
 * data platform, which has no clinic key: its objects are plain NDJSON, CSV
 * and JSON, unlike the encrypted sync objects beside them. Each file streams
 * up as a multipart upload as it is written.
 */
export function bucketDestination(config: TargetConfig, credentials: TargetCredentials, exportId: string): DatasetDestination {
  const target = new S3Target(config, credentials);
  const folder = `datasets/${exportId}/`;
  const uploads: Array<{ upload: Upload; done: Promise<unknown>; key: string }> = [];

  const put = (name: string, contentType: string, body: PassThrough | string) => {
    const key = target.key(folder + name);
    const upload = new Upload({ client: target.client, params: { Bucket: target.config.bucket, Key: key, Body: body, ContentType: contentType }, partSize: PART_BYTES, queueSize: PARTS_IN_FLIGHT });
    const entry = { upload, done: upload.done(), key };
    uploads.push(entry);
    return entry;
  };

  return {
    location: `s3://${target.config.bucket}/${target.key(folder)}`,
    async create(name, contentType) {
      const stream = new PassThrough();
      const { done } = put(name, contentType, stream);
      // A failed upload must fail the export rather than leave a write waiting for 'drain' forever.
      done.catch(() => stream.destroy());
      return {
        async write(text) {
          if (!stream.write(text)) await Promise.race([once(stream, 'drain'), done]);
        },
        async close() {
          stream.end();
          await done;
        },
      };
    },
    async finish(manifest) {
      try {
        await put('manifest.json', 'application/json', manifest).done;
      } finally {
        target.destroy();
      }
    },
    async abort() {
      await Promise.allSettled(uploads.map(({ upload }) => upload.abort()));
      // Files already complete are removed too: without its manifest the folder is no dataset.
      await Promise.allSettled(uploads.map(({ key }) => target.delete(key.slice(target.config.prefix.length))));
      target.destroy();
    },
  };
}
