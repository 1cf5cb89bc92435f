import type Database from '@signalapp/sqlcipher';
import type { Addendum, Author, Encounter, EncounterFields, EncounterStatus } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { nextUpdatedAt } from '../patients/timestamps.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { authorOf } from './authors.node.ts';
import { createFields, logChartWrite, updateFields } from './changes.node.ts';
import { requireCurrent, requirePatient } from './guards.node.ts';

type EncounterRow = {
  id: string;
  patient_id: string;
  at: number;
  provider_resource_id: string | null;
  provider_user_id: string | null;
  provider_name: string;
  appointment_id: string | null;
  chief_complaint: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  orders: string;
  status: EncounterStatus;
  author_user_id: string | null;
  author_name: string;
  signed_at: number | null;
  signed_by_user_id: string | null;
  signed_by_name: string | null;
  error_reason: string | null;
  created_at: number;
  updated_at: number;
};

/**
 * What an import or replica carries beyond the form's fields (FHIR: Encounter.participant, status, extensions).
 * Absent parts are filled as for a new note written now by the audit entry's user.
 */
export interface EncounterProvenance {
  id?: string;
  provider?: Encounter['provider'];
  author?: Author;
  status?: EncounterStatus;
  signedAt?: number | null;
  signedBy?: Author | null;
  addenda?: readonly Addendum[];
  createdAt?: number;
}

const SOAP_COLUMNS = {
  chief_complaint: 'chiefComplaint',
  subjective: 'subjective',
  objective: 'objective',
  assessment: 'assessment',
  plan: 'plan',
  orders: 'orders',
} as const;

function getRow(db: Database, id: string): EncounterRow | null {
  return db.prepare('SELECT * FROM encounters WHERE id = ? AND error_reason IS NULL').get<EncounterRow>([id]) ?? null;
}

function toEncounter(db: Database, row: EncounterRow): Encounter {
  const diagnoses = db.prepare('SELECT code, text FROM encounter_diagnoses WHERE encounter_id = ? ORDER BY position').all<{ code: string; text: string }>([row.id]);
  const addenda = db
    .prepare('SELECT id, text, at, author_user_id, author_name FROM encounter_addenda WHERE encounter_id = ? ORDER BY at, id')
    .all<{ id: string; text: string; at: number; author_user_id: string | null; author_name: string }>([row.id])
    .map((a) => ({ id: a.id, text: a.text, at: a.at, author: { userId: a.author_user_id, name: a.author_name } }));
  return {
    id: row.id,
    patientId: row.patient_id,
    at: row.at,
    provider: { resourceId: row.provider_resource_id, userId: row.provider_user_id, name: row.provider_name },
    appointmentId: row.appointment_id,
    chiefComplaint: row.chief_complaint,
    subjective: row.subjective,
    objective: row.objective,
    assessment: row.assessment,
    plan: row.plan,
    diagnoses,
    orders: row.orders,
    status: row.status,
    author: { userId: row.author_user_id, name: row.author_name },
    signedAt: row.signed_at,
    signedBy: row.signed_by_name === null ? null : { userId: row.signed_by_user_id, name: row.signed_by_name },
    addenda,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The provider as written on the note: a schedule provider resource, or the author themself. */
function providerOf(db: Database, providerId: string | null, author: Author): Encounter['provider'] {
  if (providerId === null) return { resourceId: null, userId: author.userId, name: author.name };
  const resource = db
    .prepare("SELECT id, name, user_id FROM schedule_resources WHERE id = ? AND kind = 'provider'")
    .get<{ id: string; name: string; user_id: string | null }>([providerId]);
  if (!resource) throw new StoreError('NOT_FOUND', { reason: 'provider' });
  return { resourceId: resource.id, userId: resource.user_id, name: resource.name };
}

function requireAppointmentOf(db: Database, patientId: string, appointmentId: string | null): void {
  if (appointmentId === null) return;
  const owner = db.prepare('SELECT patient_id FROM appointments WHERE id = ?', { pluck: true }).get([appointmentId]);
  if (owner !== patientId) throw new StoreError('NOT_FOUND', { reason: 'appointment' });
}

function writeDiagnoses(db: Database, encounterId: string, diagnoses: EncounterFields['diagnoses']): void {
  db.prepare('DELETE FROM encounter_diagnoses WHERE encounter_id = ?').run([encounterId]);
  const insert = db.prepare('INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, ?, ?, ?)');
  diagnoses.forEach((diagnosis, position) => insert.run([encounterId, position, diagnosis.code, diagnosis.text]));
}

function noteColumns(fields: EncounterFields): Record<keyof typeof SOAP_COLUMNS, string> {
  return Object.fromEntries(Object.entries(SOAP_COLUMNS).map(([column, field]) => [column, fields[field]])) as Record<keyof typeof SOAP_COLUMNS, string>;
}

/**
 * Row-level insert (FHIR import uses it inside its own transaction): one encounter with its diagnoses and
 * addenda, audited and captured for sync. `fields` are `encounterInputSchema`'s output.
 */
export function insertEncounter(db: Database, patientId: string, fields: EncounterFields, audit: AuditInput, provenance: EncounterProvenance = {}): Encounter {
  requirePatient(db, patientId);
  requireAppointmentOf(db, patientId, fields.appointmentId);
  const author = provenance.author ?? authorOf(db, audit);
  const provider = provenance.provider ?? providerOf(db, fields.providerId, author);
  const status = provenance.status ?? 'draft';
  const signedAt = status === 'signed' ? (provenance.signedAt ?? audit.at) : null;
  const signedBy = status === 'signed' ? (provenance.signedBy ?? author) : null;
  const id = provenance.id ?? uuidv7(audit.at);
  const createdAt = provenance.createdAt ?? audit.at;
  db.prepare(
    `INSERT INTO encounters (id, patient_id, at, provider_resource_id, provider_user_id, provider_name, appointment_id,
       chief_complaint, subjective, objective, assessment, plan, orders, status, author_user_id, author_name,
       signed_at, signed_by_user_id, signed_by_name, created_at, updated_at)
     VALUES ($id, $patientId, $at, $resourceId, $providerUserId, $providerName, $appointmentId,
       $chief_complaint, $subjective, $objective, $assessment, $plan, $orders, $status, $authorUserId, $authorName,
       $signedAt, $signedByUserId, $signedByName, $createdAt, $updatedAt)`,
  ).run({
    id,
    patientId,
    at: fields.at,
    resourceId: provider.resourceId,
    providerUserId: provider.userId,
    providerName: provider.name,
    appointmentId: fields.appointmentId,
    ...noteColumns(fields),
    status,
    authorUserId: author.userId,
    authorName: author.name,
    signedAt,
    signedByUserId: signedBy?.userId ?? null,
    signedByName: signedBy?.name ?? null,
    createdAt,
    updatedAt: Math.max(createdAt, audit.at),
  });
  writeDiagnoses(db, id, fields.diagnoses);
  const addAddendum = db.prepare('INSERT INTO encounter_addenda (id, encounter_id, text, at, author_user_id, author_name) VALUES (?, ?, ?, ?, ?, ?)');
  for (const addendum of provenance.addenda ?? []) addAddendum.run([addendum.id, id, addendum.text, addendum.at, addendum.author.userId, addendum.author.name]);
  const encounter = toEncounter(db, getRow(db, id)!);
  logChartWrite(db, audit, { entity: 'encounter', id, patientId, op: 'upsert', fields: createFields(encounter) });
  return encounter;
}

/** A draft the caller may change: live, unsigned, current, and theirs. */
function ownDraft(db: Database, id: string, audit: AuditInput, expectedUpdatedAt: number | null): EncounterRow {
  const row = getRow(db, id);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'encounter' });
  if (row.status === 'signed') throw new StoreError('CONFLICT', { reason: 'signed' });
  if (row.author_user_id !== audit.userId) throw new StoreError('CONFLICT', { reason: 'not author' });
  if (expectedUpdatedAt !== null) requireCurrent(row.updated_at, expectedUpdatedAt);
  return row;
}

export function updateEncounter(db: Database, id: string, fields: EncounterFields, expectedUpdatedAt: number, audit: AuditInput): Encounter {
  const row = ownDraft(db, id, audit, expectedUpdatedAt);
  requireAppointmentOf(db, row.patient_id, fields.appointmentId);
  const before = toEncounter(db, row);
  const provider =
    fields.providerId !== null && fields.providerId === before.provider.resourceId
      ? before.provider
      : providerOf(db, fields.providerId, { userId: row.author_user_id, name: row.author_name });
  const { providerId: _providerId, ...noteFields } = fields;
  const changes = updateFields<Record<string, unknown>>(before, { ...before, ...noteFields, provider });
  // An unchanged note writes nothing, so the caller's copy stays current.
  if (changes.names.length === 0) return before;
  db.prepare(
    `UPDATE encounters SET at = $at, provider_resource_id = $resourceId, provider_user_id = $providerUserId, provider_name = $providerName,
       appointment_id = $appointmentId, chief_complaint = $chief_complaint, subjective = $subjective, objective = $objective,
       assessment = $assessment, plan = $plan, orders = $orders, updated_at = $updatedAt WHERE id = $id`,
  ).run({
    id,
    at: fields.at,
    resourceId: provider.resourceId,
    providerUserId: provider.userId,
    providerName: provider.name,
    appointmentId: fields.appointmentId,
    ...noteColumns(fields),
    updatedAt: nextUpdatedAt(row.updated_at, audit.at),
  });
  writeDiagnoses(db, id, fields.diagnoses);
  const after = toEncounter(db, getRow(db, id)!);
  logChartWrite(db, audit, {
    entity: 'encounter',
    id,
    patientId: row.patient_id,
    op: 'upsert',
    fields: updateFields<Record<string, unknown>>(before, after).fields,
    detail: `fields: ${changes.names.join(', ')}`,
  });
  return after;
}

export function signEncounter(db: Database, id: string, expectedUpdatedAt: number, audit: AuditInput): Encounter {
  const row = ownDraft(db, id, audit, expectedUpdatedAt);
  const signer = authorOf(db, audit);
  db.prepare('UPDATE encounters SET status = ?, signed_at = ?, signed_by_user_id = ?, signed_by_name = ?, updated_at = ? WHERE id = ?').run([
    'signed',
    audit.at,
    signer.userId,
    signer.name,
    nextUpdatedAt(row.updated_at, audit.at),
    id,
  ]);
  const encounter = toEncounter(db, getRow(db, id)!);
  const { status, signedAt, signedBy, updatedAt } = encounter;
  logChartWrite(db, audit, { entity: 'encounter', id, patientId: row.patient_id, op: 'upsert', fields: { status, signedAt, signedBy, updatedAt }, detail: 'signed' });
  return encounter;
}

export function addAddendum(db: Database, id: string, text: string, audit: AuditInput): Encounter {
  const row = getRow(db, id);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'encounter' });
  if (row.status !== 'signed') throw new StoreError('CONFLICT', { reason: 'draft' });
  const author = authorOf(db, audit);
  db.prepare('INSERT INTO encounter_addenda (id, encounter_id, text, at, author_user_id, author_name) VALUES (?, ?, ?, ?, ?, ?)').run([
    uuidv7(audit.at),
    id,
    text,
    audit.at,
    author.userId,
    author.name,
  ]);
  db.prepare('UPDATE encounters SET updated_at = ? WHERE id = ?').run([nextUpdatedAt(row.updated_at, audit.at), id]);
  const encounter = toEncounter(db, getRow(db, id)!);
  logChartWrite(db, audit, {
    entity: 'encounter',
    id,
    patientId: row.patient_id,
    op: 'upsert',
    fields: { addenda: encounter.addenda, updatedAt: encounter.updatedAt },
    detail: 'addendum',
  });
  return encounter;
}

/** A draft written by mistake: kept as entered-in-error, gone from the chart. */
export function discardEncounter(db: Database, id: string, reason: string, audit: AuditInput): { id: string } {
  const row = ownDraft(db, id, audit, null);
  db.prepare('UPDATE encounters SET error_reason = ?, updated_at = ? WHERE id = ?').run([reason, nextUpdatedAt(row.updated_at, audit.at), id]);
  logChartWrite(db, audit, { entity: 'encounter', id, patientId: row.patient_id, op: 'delete', fields: { errorReason: reason }, detail: 'entered in error' });
  return { id };
}

/** Newest first. */
export function listEncounters(db: Database, patientId: string): Encounter[] {
  return db
    .prepare('SELECT * FROM encounters WHERE patient_id = ? AND error_reason IS NULL ORDER BY at DESC, id DESC')
    .all<EncounterRow>([patientId])
    .map((row) => toEncounter(db, row));
}

export function getEncounter(db: Database, id: string): Encounter | null {
  const row = getRow(db, id);
  return row ? toEncounter(db, row) : null;
}
