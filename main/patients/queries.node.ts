import type Database from '@signalapp/sqlcipher';
import type { DuplicateCandidate, Patient, SearchHit } from '../../preload/contract/patients.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { StoreError } from '../store/errors.ts';
import type { QueryModule } from '../store/interface.ts';
import { readOnly } from '../store/read-only.node.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { insertGenerated, type NewPatient } from './bulk.node.ts';
import { findDuplicates } from './duplicates.node.ts';
import { mergePatients } from './merge.node.ts';
import { previewImport, importPatients } from './import/store.node.ts';
import { insertPatient } from './insert.node.ts';
import { mrnSettings, setMrnFormat, type MrnFormat } from './mrn.node.ts';
import { columnsOf, getRow, identifierTaken, replicatedFields, toPatient, updateRow, type PatientFields } from './rows.node.ts';
import { searchPatients } from './search.node.ts';
import { nextUpdatedAt } from './timestamps.ts';
import { recordView } from './views.node.ts';

/** Tombstones chain at most this deep (a survivor merged again later). */
const MAX_MERGE_HOPS = 10;

/**
 * The patient register. Every change appends its audit entry and its outbox
 * row in the transaction that makes it; a chart read appends its audit entry
 * in the transaction that reads.
 */
export const patientQueries = {
  register(db: Database, fields: PatientFields, confirmedNotDuplicate: boolean, audit: AuditInput): Patient {
    const columns = columnsOf(fields);
    if (identifierTaken(db, columns, null)) throw new StoreError('CONFLICT', { reason: 'identifier taken' });
    if (!confirmedNotDuplicate) {
      const candidates = findDuplicates(db, fields, null).length;
      if (candidates > 0) throw new StoreError('CONFLICT', { reason: 'duplicate', candidates });
    }
    return insertPatient(db, fields, null, audit);
  },

  /** Refused with CONFLICT (reason `stale`) if the record changed since the caller read it at `expectedUpdatedAt`. */
  update(db: Database, id: string, fields: PatientFields, expectedUpdatedAt: number, audit: AuditInput): Patient {
    const current = getRow(db, id);
    if (!current) throw new StoreError('NOT_FOUND');
    if (current.merged_into) throw new StoreError('CONFLICT', { reason: 'merged' });
    if (current.updated_at !== expectedUpdatedAt) throw new StoreError('CONFLICT', { reason: 'stale' });
    const columns = columnsOf(fields);
    if (identifierTaken(db, columns, id)) throw new StoreError('CONFLICT', { reason: 'identifier taken' });

    const before = replicatedFields(toPatient(current));
    const after = replicatedFields(toPatient({ ...current, ...columns }));
    const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    if (changed.length === 0) return toPatient(current);

    const patient = toPatient(updateRow(db, id, columns, nextUpdatedAt(current.updated_at, audit.at)));
    // Field names only: the values are in the record, and the trail need not hold a second copy.
    appendAudit(db, { ...audit, entityType: 'patient', entityId: id, patientId: id, detail: `fields: ${changed.join(', ')}` });
    const now = replicatedFields(patient);
    recordChange(db, { entity: 'patient', entityId: id, op: 'upsert', fields: Object.fromEntries([...changed, 'updatedAt'].map((key) => [key, now[key]])) }, audit.at);
    return patient;
  },

  /**
   * A chart read: audited, and remembered as recently seen by the reader. A
   * merged record's id opens the survivor. Null if there is no such patient.
   */
  get(db: Database, id: string, audit: AuditInput): Patient | null {
    let row = getRow(db, id);
    for (let hops = 0; row?.merged_into && hops < MAX_MERGE_HOPS; hops++) row = getRow(db, row.merged_into);
    if (!row || row.merged_into) return null;
    appendAudit(db, { ...audit, entityType: 'patient', entityId: row.id, patientId: row.id, detail: row.id === id ? null : `opened through merged record ${id}` });
    if (audit.userId) recordView(db, audit.userId, row.id, audit.at);
    return toPatient(row);
  },

  /** Ranked exact > prefix > substring; an empty query lists the user's recently seen patients. As the desk types: never waits for the write lock. */
  search: readOnly((db: Database, query: string, userId: string, limit: number): SearchHit[] => searchPatients(db, query, userId, limit)),

  findDuplicates(db: Database, fields: PatientFields, excludeId: string | null): DuplicateCandidate[] {
    return findDuplicates(db, fields, excludeId);
  },

  merge(db: Database, survivorId: string, duplicateId: string, audit: AuditInput): Patient {
    return mergePatients(db, survivorId, duplicateId, audit);
  },

  /** The full ID number of a live record, as an audited read; null if it has none, and no entry then. */
  revealIdentifier(db: Database, id: string, audit: AuditInput): Patient['identifier'] {
    const row = getRow(db, id);
    if (!row || row.merged_into) throw new StoreError('NOT_FOUND');
    const { identifier } = toPatient(row);
    if (identifier) appendAudit(db, { ...audit, entityType: 'patient', entityId: id, patientId: id, detail: 'identifier revealed' });
    return identifier;
  },

  mrnSettings,

  /** A new record number format for the numbers registered from now on, audited. */
  setMrnFormat(db: Database, format: MrnFormat, audit: AuditInput): ReturnType<typeof mrnSettings> {
    const before = mrnSettings(db);
    setMrnFormat(db, format);
    appendAudit(db, { ...audit, entityType: 'settings', entityId: 'mrn-format', detail: `MRN format ${before.prefix}/${before.width} → ${format.prefix}/${format.width}` });
    return mrnSettings(db);
  },

  previewImport,
  importPatients,

  /** Generated data only (benchmarks, store tests): indexed like a registration, without audit or outbox. */
  insert(db: Database, patient: NewPatient): string {
    return insertGenerated(db, [patient])[0]!;
  },

  /** As `insert`, a batch in one transaction. */
  insertMany(db: Database, patients: readonly NewPatient[]): string[] {
    return insertGenerated(db, patients);
  },

  /** Live records: merged duplicates are not counted. */
  count(db: Database): number {
    return Number(db.prepare('SELECT count(*) FROM patients WHERE merged_into IS NULL', { pluck: true }).get());
  },
} satisfies QueryModule;
