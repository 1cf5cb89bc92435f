import Database from '@signalapp/sqlcipher';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileDialogs } from '../../../main/platform/dialogs.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

export type Desk = 'admin' | 'frontdesk' | 'physician' | 'nurse';

/** A clinic whose file dialogs answer with the path the test sets (null: cancelled). */
export interface FhirClinic extends TestClinic {
  /** A folder for the test's files, removed with the clinic. */
  folder: string;
  answer: { save: string | null; open: string | null };
}

const PASSWORD = 'staff password 123';

export async function fhirClinic(): Promise<FhirClinic> {
  const answer: FhirClinic['answer'] = { save: null, open: null };
  const dialogs: FileDialogs = { chooseSaveFile: async () => answer.save, chooseOpenFile: async () => answer.open };
  const clinic = await testClinic({ dialogs });
  const folder = await mkdtemp(join(tmpdir(), 'cw-fhir-'));
  await clinic.ok('admin', 'session.login', { username: ADMIN.username, password: ADMIN.password });
  for (const role of ['frontdesk', 'physician', 'nurse'] as const) {
    await clinic.ok('admin', 'accounts.create', { username: role, displayName: `${role} 王`, role, password: PASSWORD });
    await clinic.ok(role, 'session.login', { username: role, password: PASSWORD });
  }
  const cleanup = clinic.cleanup;
  return Object.assign(clinic, {
    folder,
    answer,
    async cleanup() {
      await cleanup();
      await rm(folder, { recursive: true, force: true });
    },
  });
}

/** Reads the store beside the worker (WAL allows a second reader), for what no channel shows: row counts, the outbox. */
export function sql<T>(clinic: TestClinic, query: string, params: unknown[] = []): T[] {
  const db = new Database(join(clinic.dataDir, 'records.db'));
  try {
    db.pragma(`key = "x'${clinic.services.vault.dbKey.toString('hex')}'"`);
    db.pragma('query_only = ON');
    return db.prepare(query).all(params as never) as T[];
  } finally {
    db.close();
  }
}

/** Writes beside the worker: only for what no channel in this test's reach can write (a linked DICOM study). */
export function sqlWrite(clinic: TestClinic, statements: readonly [string, unknown[]][]): void {
  const db = new Database(join(clinic.dataDir, 'records.db'));
  try {
    db.pragma(`key = "x'${clinic.services.vault.dbKey.toString('hex')}'"`);
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      for (const [query, params] of statements) db.prepare(query).run(params as never);
    })();
  } finally {
    db.close();
  }
}

const TABLES = ['patients', 'appointments', 'schedule_resources', 'encounters', 'encounter_diagnoses', 'vital_signs', 'problems', 'allergies', 'medications', 'chart_documents', 'outbox', 'audit'] as const;

/** Row counts of every table an import may write: equal before and after means nothing changed. */
export function rowCounts(clinic: TestClinic): Record<string, number> {
  return Object.fromEntries(TABLES.map((table) => [table, sql<{ n: number }>(clinic, `SELECT count(*) AS n FROM ${table}`)[0]!.n]));
}
