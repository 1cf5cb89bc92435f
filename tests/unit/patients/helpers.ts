import Database from '@signalapp/sqlcipher';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FileDialogs } from '../../../main/platform/dialogs.ts';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

/** Connections (windows) of the clinic's staff, each signed in as the role of the same name. */
export type Desk = 'admin' | 'frontdesk' | 'physician' | 'radiologist';

export interface PatientClinic extends TestClinic {
  /** Live patients, merged duplicates excluded. */
  patientCount(): Promise<number>;
  auditCount(): Promise<number>;
  /** Reads the store beside the worker (WAL allows a second reader), for what no channel shows: outbox, tombstones. */
  sql<T>(query: string, params?: unknown[]): T[];
}

const PASSWORD = 'staff password 123';

/** `dialogs` answers main's file choosers (the CSV import asks for its file through them). */
export async function patientClinic(options: { dialogs?: FileDialogs } = {}): Promise<PatientClinic> {
  const clinic = await testClinic(options);
  await clinic.ok('admin', 'session.login', { username: ADMIN.username, password: ADMIN.password });
  for (const role of ['frontdesk', 'physician', 'radiologist'] as const) {
    await clinic.ok('admin', 'accounts.create', { username: role, displayName: role, role, password: PASSWORD });
    await clinic.ok(role, 'session.login', { username: role, password: PASSWORD });
  }
  return Object.assign(clinic, {
    patientCount: () => clinic.services.vault.store.methods.patients.count(),
    auditCount: async () => (await clinic.ok('admin', 'audit.query', { limit: 1 })).total,
    sql<T>(query: string, params: unknown[] = []): T[] {
      const db = new Database(join(clinic.dataDir, 'records.db'));
      try {
        db.pragma(`key = "x'${clinic.services.vault.dbKey.toString('hex')}'"`);
        db.pragma('query_only = ON');
        return db.prepare(query).all(params as never) as T[];
      } finally {
        db.close();
      }
    },
  });
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID (GB 11643) for a birth date, with a real check character. */
export function residentId(birthDate: string, sequence = '123', region = '110101'): string {
  const body = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export function input(overrides: Partial<PatientInput> = {}): PatientInput {
  return { fullName: '张三', sex: 'male', birthDate: '1990-01-01', ...overrides };
}

/** Registers as the front desk (confirming it is a new person) and returns the record. */
export async function register(clinic: PatientClinic, patient: Partial<PatientInput>) {
  return clinic.ok('frontdesk', 'patients.register', { patient: input(patient), confirmedNotDuplicate: true });
}

export async function expectAuditChainIntact(clinic: PatientClinic): Promise<void> {
  expect(await clinic.ok('admin', 'audit.verify', {})).toMatchObject({ ok: true, problem: null });
}
