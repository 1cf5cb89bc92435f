import { auditEntry, NO_ACTOR } from '../../main/audit/audit-log.ts';
import type { Keyring, KeyringOptions, KeyringUserInput } from '../../main/keys/keyring.ts';
import type { NewPatient } from '../../main/patients/bulk.node.ts';

// No vitest import here: crash-writer.ts runs these outside the test runner.

/** The cheapest scrypt the keyring accepts, so tests do not wait on the production KDF. */
export const FAST_KEYRING: KeyringOptions = { kdf: { N: 2 ** 14, r: 8, p: 1 } };

/** A staff account as the app adds one: a new credential, then the keyring brought in line with it. */
export async function addKeyringUser(keyring: Keyring, dbKey: Uint8Array, user: KeyringUserInput): Promise<string[]> {
  const credential = await keyring.newCredential(user.userId, user.username, user.password);
  return (await keyring.reconcile(dbKey, [{ userId: user.userId, username: user.username, active: true, credential, credentialAt: Date.now() }])).changed;
}

export function patient(mrn: string, familyName: string, givenName: string): NewPatient {
  return { mrn, familyName, givenName, fullName: `${familyName} ${givenName}`, birthDate: '1970-01-01', sex: 'unknown' };
}

/** `patients.get` is an audited chart read; the store's tests read as nobody in particular. */
export const READ = auditEntry(NO_ACTOR, 'record.read');
