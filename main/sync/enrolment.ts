import { z } from 'zod';
import { seal, unseal } from '../keys/crypto.ts';
import { DEFAULT_KDF, deriveKek, KDF_LIMITS, newSalt, type KdfParams } from '../keys/kdf.ts';
import type { TargetConfig, TargetCredentials } from './s3-target.ts';

const FORMAT = 'clinic-workstation-enrolment';
const AAD = 'clinic-workstation/sync/enrolment/v1';

/** What a joining workstation needs: the clinic sync key and where (and with which keys) the clinic syncs. */
export interface EnrolmentPayload {
  clinicName: string;
  clinicKey: Uint8Array;
  /** The blob store's file key (main/files): image files keep one name and one encryption on every workstation. */
  fileKey: Uint8Array | null;
  targets: { id: string; name: string; config: TargetConfig; credentials: TargetCredentials }[];
}

const payloadSchema = z.object({
  clinicName: z.string(),
  clinicKey: z.base64(),
  fileKey: z.base64().nullable(),
  targets: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      config: z.object({ endpoint: z.string().nullable(), region: z.string(), bucket: z.string(), prefix: z.string(), forcePathStyle: z.boolean() }),
      credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }),
    }),
  ),
});

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  kdf: z.object({
    N: z.number().int().min(2 ** KDF_LIMITS.minLogN).max(2 ** KDF_LIMITS.maxLogN),
    r: z.number().int().min(1).max(KDF_LIMITS.maxR),
    p: z.number().int().min(1).max(KDF_LIMITS.maxP),
    salt: z.base64(),
  }),
  box: z.object({ iv: z.string(), data: z.string(), tag: z.string() }),
});

/**
 * An enrolment file: the payload sealed with AES-256-GCM under a key scrypt
 * derives from a passphrase the administrator gives the joining workstation
 * by another way (in person, by phone). The file alone opens nothing.
 */
export async function sealEnrolment(payload: EnrolmentPayload, passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<string> {
  const salt = newSalt();
  const kek = await deriveKek(passphrase, salt, kdf);
  const plaintext = Buffer.from(JSON.stringify({ ...payload, clinicKey: Buffer.from(payload.clinicKey).toString('base64'), fileKey: payload.fileKey && Buffer.from(payload.fileKey).toString('base64') }), 'utf8');
  const box = seal(kek, plaintext, AAD);
  kek.fill(0);
  plaintext.fill(0);
  return JSON.stringify({ format: FORMAT, version: 1, kdf: { ...kdf, salt: salt.toString('base64') }, box }, null, 2);
}

/** The payload, or null if the passphrase is wrong or the file was altered; throws on a file that is not an enrolment file. */
export async function openEnrolment(file: string, passphrase: string): Promise<EnrolmentPayload | null> {
  const parsed = fileSchema.parse(JSON.parse(file));
  const { salt, ...kdf } = parsed.kdf;
  const kek = await deriveKek(passphrase, Buffer.from(salt, 'base64'), kdf);
  const plaintext = unseal(kek, parsed.box, AAD);
  kek.fill(0);
  if (!plaintext) return null;
  const payload = payloadSchema.parse(JSON.parse(plaintext.toString('utf8')));
  plaintext.fill(0);
  return { ...payload, clinicKey: Buffer.from(payload.clinicKey, 'base64'), fileKey: payload.fileKey === null ? null : Buffer.from(payload.fileKey, 'base64') };
}
