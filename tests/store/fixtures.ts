import { auditEntry, NO_ACTOR } from '../../main/audit/audit-log.ts';
import type { KeyringOptions } from '../../main/keys/keyring.ts';
import type { NewPatient } from '../../main/patients/bulk.node.ts';

// No vitest import here: crash-writer.ts runs these outside the test runner.

/** The cheapest scrypt the keyring accepts, so tests do not wait on the production KDF. */
export const FAST_KEYRING: KeyringOptions = { kdf: { N: 2 ** 14, r: 8, p: 1 } };

export function patient(mrn: string, familyName: string, givenName: string): NewPatient {
  return { mrn, familyName, givenName, fullName: `${familyName} ${givenName}`, birthDate: '1970-01-01', sex: 'unknown' };
}

/** `patients.get` is an audited chart read; the store's tests read as nobody in particular. */
export const READ = auditEntry(NO_ACTOR, 'record.read');
