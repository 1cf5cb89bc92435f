import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export interface TargetConfig {
  /** Empty for AWS S3; e.g. `https://minio.clinic.lan:9000` for MinIO or Ceph RGW. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Folder inside the bucket, '' or ending in '/'. */
  prefix: string;
  /** MinIO and Ceph usually need path-style URLs (`endpoint/bucket/key`). */
  forcePathStyle: boolean;
}

export interface TargetCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface TargetOptions {
  /** A stalled connection is given up after this long and retried. */
  requestTimeoutMs?: number;
  maxSockets?: number;
}

/**
 * One S3-compatible bucket (AWS S3, MinIO, Ceph RGW) under a prefix. The SDK's
 * own retries are off: main/sync/retry.ts retries with full jitter and tells
 * permanent failures apart.
 */
export class S3Target {
  readonly client: S3Client;
  readonly config: TargetConfig;

  constructor(config: TargetConfig, credentials: TargetCredentials, options: TargetOptions = {}) {
    this.config = { ...config, prefix: normalizePrefix(config.prefix) };
    const maxSockets = options.maxSockets ?? 16;
    this.client = new S3Client({
      region: config.region || 'us-east-1',
      endpoint: config.endpoint || undefined,
      forcePathStyle: config.forcePathStyle,
      // A copy: the SDK marks the object it is given (`$source`), which would then fail the contract's strict schemas.
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
      maxAttempts: 1,
      // Checksums only where the API demands them: MinIO, Ceph and older gateways reject the newer defaults.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: 10_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      },
    });
  }

  key(name: string): string {
    return this.config.prefix + name;
  }

  /**
   * Writes an object unless one of that name exists (If-None-Match: *, where
   * the service supports it). Returns false if it existed already.
   */
  async putIfAbsent(name: string, body: Uint8Array): Promise<boolean> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(name), Body: body, IfNoneMatch: '*', ContentType: 'application/octet-stream' }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return false;
      throw error;
    }
  }

  async put(name: string, body: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(name), Body: body, ContentType: 'application/octet-stream' }));
  }

  /** The object's bytes, or null if there is none of that name. A body shorter than announced fails (and is retried). */
  async get(name: string): Promise<Buffer | null> {
    return (await this.getStored(name))?.bytes ?? null;
  }

  /**
   * The object's bytes with the time the storage service stored it (Last-Modified: whole seconds, by the service's
   * clock, which no client can set), or null if there is none of that name.
   */
  async getStored(name: string): Promise<{ bytes: Buffer; storedAt: number | null } | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(name) }));
      const bytes = Buffer.from(await response.Body!.transformToByteArray());
      if (response.ContentLength !== undefined && bytes.length !== response.ContentLength) throw Object.assign(new Error('Response body cut short.'), { code: 'IncompleteBody' });
      return { bytes, storedAt: response.LastModified?.getTime() ?? null };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(name) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(name) }));
  }

  /** The "folders" directly under `name` (which ends in '/'), without the target prefix. */
  async listFolders(name: string): Promise<string[]> {
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.key(name), Delimiter: '/', ContinuationToken: token }));
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix.slice(this.key(name).length).replace(/\/$/, ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return folders;
  }

  /** Object names under `name`, without the target prefix. */
  async list(name: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.key(name), ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) names.push(object.Key.slice(this.config.prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  /** The first name in `folder` that sorts after `name`, or null: one short listing, however many follow. */
  async firstAfter(folder: string, name: string): Promise<string | null> {
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.key(folder), StartAfter: this.key(name), MaxKeys: 1 }));
    const key = page.Contents?.[0]?.Key;
    return key ? key.slice(this.config.prefix.length) : null;
  }

  destroy(): void {
    this.client.destroy();
  }
}

function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

function isMissing(error: unknown): boolean {
  const described = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  // A missing bucket is also a 404, but a permanent failure rather than an absent object.
  return described.name !== 'NoSuchBucket' && (described.name === 'NoSuchKey' || described.$metadata?.httpStatusCode === 404);
}
