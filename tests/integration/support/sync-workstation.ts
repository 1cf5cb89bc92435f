import type Database from '@signalapp/sqlcipher';
import { join } from 'node:path';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { randomKey } from '../../../main/keys/crypto.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { uuidv7 } from '../../../main/store/ids.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { metaQueries } from '../../../main/store/queries/meta.node.ts';
import { storeClinicKey } from '../../../main/sync/clinic-key.node.ts';
import { syncRound, type RoundSummary } from '../../../main/sync/replicator.node.ts';
import type { RetryPolicy } from '../../../main/sync/retry.ts';
import { saveTarget } from '../../../main/sync/targets.node.ts';
import { writeTransaction } from '../../../main/store/write-transaction.node.ts';
import { S3RVER_CREDENTIALS } from './s3rver.ts';

export const TARGET_ID = 'cloud';
/** Quick retries: the fault proxy fails requests on purpose. */
export const TEST_RETRY: RetryPolicy = { attempts: 12, baseMs: 2, capMs: 50 };

export interface TestWorkstation {
  readonly id: string;
  readonly db: Database;
  readonly path: string;
  readonly dbKey: Buffer;
  /** Runs store queries in one transaction, as the store worker does (taking the write lock first, as the sync worker shares the file). */
  write<T>(run: (db: Database) => T): T;
  audit(action: string): AuditInput;
  /** One round; transient failures that outlast the retries are tried again, up to `rounds` times. */
  sync(rounds?: number): Promise<RoundSummary>;
  close(): void;
}

export interface WorkstationSpec {
  dir: string;
  name: string;
  clinicKey: Uint8Array;
  endpoint: string;
  bucket: string;
  prefix?: string;
}

/** A workstation's encrypted store, set up as a clinic member with the shared sync key and one S3 target. */
export function openWorkstation(spec: WorkstationSpec, existing?: { path: string; dbKey: Buffer }): TestWorkstation {
  const path = existing?.path ?? join(spec.dir, `${spec.name}.db`);
  const dbKey = existing?.dbKey ?? randomKey();
  const db = openEncrypted(path, dbKey);
  migrate(db);
  if (!existing) {
    writeTransaction(db, () => {
      metaQueries.initialize(db, { clinicName: 'Sync Test Clinic', workstationId: uuidv7(), createdAt: Date.now() });
      storeClinicKey(db, spec.clinicKey, Date.now());
      saveTarget(
        db,
        {
          id: TARGET_ID,
          name: 'Test bucket',
          config: { endpoint: spec.endpoint, region: 'us-east-1', bucket: spec.bucket, prefix: spec.prefix ?? 'clinic/', forcePathStyle: true },
          credentials: S3RVER_CREDENTIALS,
        },
        Date.now(),
      );
    });
  }
  const id = metaQueries.get(db)!.workstationId;
  return {
    id,
    db,
    path,
    dbKey,
    write: (run) => writeTransaction(db, () => run(db)),
    audit: (action) => ({ at: Date.now(), userId: null, username: spec.name, role: 'admin', action, entityType: null, entityId: null, patientId: null, outcome: 'success', breakGlass: false, detail: null }),
    async sync(rounds = 20) {
      for (let round = 1; ; round++) {
        try {
          return await syncRound(db, TARGET_ID, { retry: TEST_RETRY });
        } catch (error) {
          if (round >= rounds || (error as Error).name === 'PermanentSyncError') throw error;
        }
      }
    },
    close: () => db.close(),
  };
}

/** Every replicated table, row by row, without local row numbers: what must be identical across replicas. */
export type Snapshot = Record<
  | 'patients'
  | 'patientPhones'
  | 'patientSearch'
  | 'resources'
  | 'appointments'
  | 'appointmentResources'
  | 'encounters'
  | 'encounterDiagnoses'
  | 'encounterAddenda'
  | 'documents'
  | 'imagingStudies'
  | 'imagingSeries'
  | 'imagingInstances'
  | 'imagingReports'
  | 'imagingReportAddenda'
  | 'imagingAnnotations'
  | 'states'
  | 'pending',
  unknown[]
>;

export function replicatedSnapshot(db: Database): Snapshot {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    patients: all(`SELECT id, mrn, full_name, family_name, given_name, name_key, pinyin, pinyin_initials, sex, birth_date, phones, id_type, id_value, address,
      insurance, emergency_contact, allergies, notes, merged_into, created_at, updated_at FROM patients ORDER BY id`),
    patientPhones: all('SELECT * FROM patient_phones ORDER BY patient_id, phone_digits'),
    patientSearch: all('SELECT p.id, s.name, s.pinyin, s.initials FROM patient_search s JOIN patients p ON p.seq = s.rowid ORDER BY p.id'),
    resources: all('SELECT * FROM schedule_resources ORDER BY id'),
    appointments: all('SELECT * FROM appointments ORDER BY id'),
    appointmentResources: all('SELECT * FROM appointment_resources ORDER BY appointment_id, resource_id'),
    encounters: all('SELECT * FROM encounters ORDER BY id'),
    encounterDiagnoses: all('SELECT * FROM encounter_diagnoses ORDER BY encounter_id, position'),
    encounterAddenda: all('SELECT * FROM encounter_addenda ORDER BY id'),
    documents: all('SELECT * FROM chart_documents ORDER BY id'),
    // The file's patient by its demographics (its row id is local), without who linked it here and what differed then (this desk's notes).
    imagingStudies: all(`SELECT s.id, s.study_uid, p.match_key, s.patient_id, s.link_reason, s.linked_at, s.study_date, s.study_time, s.accession, s.description, s.referring,
      s.created_at, s.updated_at, s.deleted_at FROM imaging_studies s JOIN imaging_patients p ON p.id = s.imaging_patient_id ORDER BY s.id`),
    imagingSeries: all('SELECT * FROM imaging_series ORDER BY id'),
    imagingInstances: all('SELECT * FROM imaging_instances ORDER BY id'),
    imagingReports: all('SELECT * FROM imaging_reports ORDER BY id'),
    imagingReportAddenda: all('SELECT * FROM imaging_report_addenda ORDER BY id'),
    imagingAnnotations: all('SELECT * FROM imaging_annotations ORDER BY study_id'),
    states: all('SELECT * FROM sync_entity_state ORDER BY entity, entity_id'),
    pending: all('SELECT * FROM sync_pending ORDER BY entity, entity_id'),
  };
}
