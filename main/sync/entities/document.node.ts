import type { Author, ChartDocument } from '../../../preload/contract/chart.ts';
import { nextUpdatedAt } from '../../patients/timestamps.ts';
import { parseHlc } from '../hlc.ts';
import { DELETED, valuesOf, type FieldState } from '../state.node.ts';
import { prepared } from '../statements.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { wantBlob } from '../blob-fetch-queue.node.ts';
import { resolveLive } from './patient-links.node.ts';

type DocumentValues = Partial<Omit<ChartDocument, 'id' | 'recordedBy'>> & { recordedBy?: Author; blobHash?: string; errorReason?: string | null };

const COLUMNS = [
  'patient_id',
  'title',
  'kind',
  'doc_date',
  'encounter_id',
  'media_type',
  'size',
  'blob_hash',
  'recorded_by_user_id',
  'recorded_by_name',
  'error_reason',
  'created_at',
  'updated_at',
] as const;

const UPSERT = `INSERT INTO chart_documents (id, ${COLUMNS.join(', ')}) VALUES ($id, ${COLUMNS.map((column) => `$${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`;

/**
 * Chart documents' metadata and the name of their encrypted file; the file
 * itself comes from the bucket (`blobs/<hash>`) when opened, or at once when
 * images are fetched eagerly. A document filed under an encounter waits for it.
 */
export const documentAdapter: EntityAdapter = {
  entity: 'document',
  rank: 45,
  patientField: 'patientId',
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as DocumentValues;
    const { patientId, title, kind, date, mediaType, size, blobHash, recordedBy, createdAt } = values;
    if (
      typeof patientId !== 'string' ||
      typeof title !== 'string' ||
      typeof kind !== 'string' ||
      typeof date !== 'string' ||
      typeof mediaType !== 'string' ||
      typeof size !== 'number' ||
      typeof blobHash !== 'string' ||
      !recordedBy ||
      typeof createdAt !== 'number'
    )
      return 'pending';
    const patient = resolveLive(db, patientId);
    const encounterId = values.encounterId ?? null;
    if (patient === null || (encounterId !== null && db.prepare('SELECT 1 FROM encounters WHERE id = ?', { pluck: true }).get([encounterId]) === undefined)) return 'pending';
    const deleted = state[DELETED];
    const updatedAt = values.updatedAt ?? createdAt;
    prepared(db, UPSERT).run({
      id,
      patient_id: patient,
      title,
      kind,
      doc_date: date,
      encounter_id: encounterId,
      media_type: mediaType,
      size,
      blob_hash: blobHash,
      recorded_by_user_id: recordedBy.userId,
      recorded_by_name: recordedBy.name,
      error_reason: values.errorReason ?? (deleted ? 'entered in error' : null),
      created_at: createdAt,
      updated_at: deleted ? nextUpdatedAt(updatedAt, parseHlc(deleted[0]).wall) : updatedAt,
    });
    if (!deleted) wantBlob(db, blobHash);
    return 'written';
  },
};
