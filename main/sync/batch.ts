import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

/** One change as it travels: what recordChange captured, with its HLC. */
export const wireChangeSchema = z.object({
  hlc: z.string(),
  entity: z.string().min(1),
  entityId: z.string().min(1),
  op: z.enum(['upsert', 'delete', 'merge']),
  fields: z.record(z.string(), z.unknown()),
});
export type WireChange = z.infer<typeof wireChangeSchema>;

export const batchSchema = z.object({
  version: z.literal(1),
  workstation: z.string().min(1),
  object: z.number().int().positive(),
  changes: z.array(wireChangeSchema),
});
export type Batch = z.infer<typeof batchSchema>;

const MAGIC = Buffer.from('CWS1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `changes/<workstation>/<object number>`: the name shows only who wrote it and in which order. */
export function changeObjectName(workstation: string, object: number): string {
  return `changes/${workstation}/${String(object).padStart(12, '0')}`;
}

/**
 * Compressed, then AES-256-GCM under the clinic sync key. The object's name is
 * the associated data, so an object copied to another name (or another
 * workstation's sequence) no longer opens.
 */
export function sealObject(key: Uint8Array, name: string, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(gzipSync(plaintext, { level: 6 })), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), data]);
}

/** The plaintext; throws CorruptObjectError for a truncated, altered or foreign object. */
export function openObject(key: Uint8Array, name: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < MAGIC.length + IV_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new CorruptObjectError(name);
  try {
    const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = bytes.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    const compressed = Buffer.concat([decipher.update(bytes.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return gunzipSync(compressed);
  } catch (error) {
    throw new CorruptObjectError(name, { cause: error });
  }
}

export function encodeBatch(key: Uint8Array, batch: Batch): Buffer {
  return sealObject(key, changeObjectName(batch.workstation, batch.object), Buffer.from(JSON.stringify(batch), 'utf8'));
}

/** A change as the outbox holds it: its fields still the JSON text recordChange wrote (the column checks it is JSON). */
export type StoredChange = Omit<WireChange, 'fields'> & { fieldsJson: string };

/** As encodeBatch, the fields spliced in as stored: the same text JSON.stringify makes of them, without parsing each first. */
export function encodeStoredBatch(key: Uint8Array, workstation: string, object: number, changes: readonly StoredChange[]): Buffer {
  const items = changes.map(
    (change) =>
      `{"hlc":${JSON.stringify(change.hlc)},"entity":${JSON.stringify(change.entity)},"entityId":${JSON.stringify(change.entityId)},"op":${JSON.stringify(change.op)},"fields":${change.fieldsJson}}`,
  );
  const text = `{"version":1,"workstation":${JSON.stringify(workstation)},"object":${JSON.stringify(object)},"changes":[${items.join(',')}]}`;
  return sealObject(key, changeObjectName(workstation, object), Buffer.from(text, 'utf8'));
}

/**
 * The batch in a sealed object. Throws NewerFormatError for a batch of a later format (a workstation already
 * updated), and CorruptObjectError for anything else that is not this object's batch.
 */
export function decodeBatch(key: Uint8Array, workstation: string, object: number, sealed: Uint8Array): Batch {
  const name = changeObjectName(workstation, object);
  let value: unknown;
  try {
    value = JSON.parse(openObject(key, name, sealed).toString('utf8'));
  } catch (error) {
    if (error instanceof CorruptObjectError) throw error;
    throw new CorruptObjectError(name, { cause: error });
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > 1) throw new NewerFormatError(name);
  const parsed = batchSchema.safeParse(value);
  if (!parsed.success) throw new CorruptObjectError(name, { cause: parsed.error });
  const batch = parsed.data;
  if (batch.workstation !== workstation || batch.object !== object) throw new CorruptObjectError(name);
  return batch;
}

/** An object that does not open as its batch with the clinic key: cut short in transit (retried), altered, or not written by this clinic. */
export class CorruptObjectError extends Error {
  readonly objectName: string;
  constructor(objectName: string, options?: ErrorOptions) {
    super('A sync object did not decrypt: it was cut short, altered or written with another key.', options);
    this.name = 'CorruptObjectError';
    this.objectName = objectName;
  }
}

/** A batch in a format this version cannot read, written by a workstation running a later version. */
export class NewerFormatError extends Error {
  readonly objectName: string;
  constructor(objectName: string) {
    super('A sync object was written by a newer version of Clinic Workstation.');
    this.name = 'NewerFormatError';
    this.objectName = objectName;
  }
}
