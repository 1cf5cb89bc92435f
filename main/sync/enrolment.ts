import { z } from 'zod';
import { publicKeyOf, seal, sealTo, unseal, unsealWith } from '../keys/crypto.ts';
import { DEFAULT_KDF, deriveKek, KDF_LIMITS, newSalt, type KdfParams } from '../keys/kdf.ts';
import { recoverySecret } from '../keys/keyring.ts';
import { parseRecoveryKey } from '../keys/recovery-key.ts';
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
  /** The record-number station handed to the joining workstation (main/patients/mrn.node.ts); null from older files. */
  station: number | null;
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
  station: z.number().int().min(1).max(99).nullable().default(null),
});

const boxSchema = z.object({ iv: z.string(), data: z.string(), tag: z.string() });

const passphraseFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  kdf: z.object({
    N: z.number().int().min(2 ** KDF_LIMITS.minLogN).max(2 ** KDF_LIMITS.maxLogN),
    r: z.number().int().min(1).max(KDF_LIMITS.maxR),
    p: z.number().int().min(1).max(KDF_LIMITS.maxP),
    salt: z.base64(),
  }),
  box: boxSchema,
});

/** Sealed to the X25519 public key of the making workstation's recovery key (its keyring's salt and public key). */
const recoveryFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  recovery: z.object({ salt: z.base64(), publicKey: z.base64() }),
  box: boxSchema.extend({ epk: z.base64() }),
});

/** What opens an enrolment file: the passphrase it was made with, or the recovery key of the workstation that made it. */
export type EnrolmentSecret = { passphrase: string } | { recoveryKey: string };

function payloadBytes(payload: EnrolmentPayload): Buffer {
  return Buffer.from(
    JSON.stringify({ ...payload, clinicKey: Buffer.from(payload.clinicKey).toString('base64'), fileKey: payload.fileKey && Buffer.from(payload.fileKey).toString('base64') }),
    'utf8',
  );
}

function parsePayload(plaintext: Buffer): EnrolmentPayload {
  const payload = payloadSchema.parse(JSON.parse(plaintext.toString('utf8')));
  plaintext.fill(0);
  return { ...payload, clinicKey: Buffer.from(payload.clinicKey, 'base64'), fileKey: payload.fileKey === null ? null : Buffer.from(payload.fileKey, 'base64') };
}

/**
 * An enrolment file: the payload sealed with AES-256-GCM under a key scrypt
 * derives from a passphrase the administrator gives the joining workstation
 * by another way (in person, by phone). The file alone opens nothing.
 */
export async function sealEnrolment(payload: EnrolmentPayload, passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<string> {
  const salt = newSalt();
  const kek = await deriveKek(passphrase, salt, kdf);
  const plaintext = payloadBytes(payload);
  const box = seal(kek, plaintext, AAD);
  kek.fill(0);
  plaintext.fill(0);
  return JSON.stringify({ format: FORMAT, version: 1, kdf: { ...kdf, salt: salt.toString('base64') }, box }, null, 2);
}

/**
 * An enrolment file for IT that keeps the recovery key of the workstation
 * making it (printed at its first run, locked away): sealed to that key's
 * public half, so making it needs no secret and opening it needs the
 * recovery key typed on the joining workstation. No passphrase to agree on.
 */
export function sealEnrolmentToRecoveryKey(payload: EnrolmentPayload, recovery: { salt: string; publicKey: string }): string {
  const plaintext = payloadBytes(payload);
  const box = sealTo(recovery.publicKey, plaintext, AAD);
  plaintext.fill(0);
  return JSON.stringify({ format: FORMAT, version: 1, recovery, box }, null, 2);
}

/**
 * The payload, or null if the secret does not open the file (wrong
 * passphrase or recovery key, a file made the other way, or an altered
 * file); throws on a file that is not an enrolment file, or a mistyped recovery key.
 */
export async function openEnrolment(file: string, secret: EnrolmentSecret): Promise<EnrolmentPayload | null> {
  const json: unknown = JSON.parse(file);
  const byRecovery = recoveryFileSchema.safeParse(json);
  if (byRecovery.success) {
    if (!('recoveryKey' in secret)) return null;
    const { salt, publicKey } = byRecovery.data.recovery;
    const key = recoverySecret(parseRecoveryKey(secret.recoveryKey), salt);
    const plaintext = publicKeyOf(key) === publicKey ? unsealWith(key, byRecovery.data.box, AAD) : null;
    key.fill(0);
    return plaintext && parsePayload(plaintext);
  }
  const parsed = passphraseFileSchema.parse(json);
  if (!('passphrase' in secret)) return null;
  const { salt, ...kdf } = parsed.kdf;
  const kek = await deriveKek(secret.passphrase, Buffer.from(salt, 'base64'), kdf);
  const plaintext = unseal(kek, parsed.box, AAD);
  kek.fill(0);
  return plaintext && parsePayload(plaintext);
}
