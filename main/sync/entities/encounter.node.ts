import type { Addendum, Author, Encounter } from '../../../preload/contract/chart.ts';
import { nextUpdatedAt } from '../../patients/timestamps.ts';
import { parseHlc } from '../hlc.ts';
import { DELETED, listElements, valuesOf, type FieldState } from '../state.node.ts';
import { prepared } from '../statements.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { resolveLive } from './patient-links.node.ts';

type EncounterValues = Partial<Omit<Encounter, 'id' | 'addenda'>> & { addenda?: Addendum[]; errorReason?: string | null };

const COLUMNS = [
  'patient_id',
  'at',
  'provider_resource_id',
  'provider_user_id',
  'provider_name',
  'appointment_id',
  'chief_complaint',
  'subjective',
  'objective',
  'assessment',
  'plan',
  'orders',
  'status',
  'author_user_id',
  'author_name',
  'signed_at',
  'signed_by_user_id',
  'signed_by_name',
  'error_reason',
  'created_at',
  'updated_at',
] as const;

const UPSERT = `INSERT INTO encounters (id, ${COLUMNS.join(', ')}) VALUES ($id, ${COLUMNS.map((column) => `$${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`;

/** Addenda as the chart lists them: oldest first, ties by id. Merged from both the element fields and a whole list an older writer sent. */
function addendaOf(values: EncounterValues): Addendum[] {
  const byId = new Map<string, Addendum>();
  for (const addendum of [...(values.addenda ?? []), ...listElements<Addendum>(values, 'addenda')]) byId.set(addendum.id, addendum);
  return [...byId.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Encounter notes (main/chart/encounters.node.ts) with their diagnoses (one
 * list, edited with the draft) and addenda (each kept, wherever written). A
 * discarded draft stays as entered in error, with the reason its desk gave.
 */
export const encounterAdapter: EntityAdapter = {
  entity: 'encounter',
  rank: 40,
  patientField: 'patientId',
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as EncounterValues;
    const { patientId, at, provider, author, status, createdAt } = values;
    if (typeof patientId !== 'string' || typeof at !== 'number' || !provider || !author || typeof status !== 'string' || typeof createdAt !== 'number') return 'pending';
    const patient = resolveLive(db, patientId);
    if (patient === null) return 'pending';
    const deleted = state[DELETED];
    const updatedAt = values.updatedAt ?? createdAt;
    const signed = status === 'signed';
    const signedBy: Author | null = signed ? (values.signedBy ?? author) : null;
    prepared(db, UPSERT).run({
      id,
      patient_id: patient,
      at,
      provider_resource_id: provider.resourceId,
      provider_user_id: provider.userId,
      provider_name: provider.name,
      appointment_id: values.appointmentId ?? null,
      chief_complaint: values.chiefComplaint ?? '',
      subjective: values.subjective ?? '',
      objective: values.objective ?? '',
      assessment: values.assessment ?? '',
      plan: values.plan ?? '',
      orders: values.orders ?? '',
      status,
      author_user_id: author.userId,
      author_name: author.name,
      signed_at: signed ? (values.signedAt ?? updatedAt) : null,
      signed_by_user_id: signedBy?.userId ?? null,
      signed_by_name: signedBy?.name ?? null,
      error_reason: values.errorReason ?? (deleted ? 'entered in error' : null),
      created_at: createdAt,
      // As the desk that discarded it wrote it: the removal moves updatedAt forward.
      updated_at: deleted ? nextUpdatedAt(updatedAt, parseHlc(deleted[0]).wall) : updatedAt,
    });
    db.prepare('DELETE FROM encounter_diagnoses WHERE encounter_id = ?').run([id]);
    const diagnosis = db.prepare('INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, ?, ?, ?)');
    (values.diagnoses ?? []).forEach((entry, position) => diagnosis.run([id, position, entry.code, entry.text]));
    db.prepare('DELETE FROM encounter_addenda WHERE encounter_id = ?').run([id]);
    const addendum = db.prepare('INSERT INTO encounter_addenda (id, encounter_id, text, at, author_user_id, author_name) VALUES (?, ?, ?, ?, ?, ?)');
    for (const entry of addendaOf(values)) addendum.run([entry.id, id, entry.text, entry.at, entry.author.userId, entry.author.name]);
    return 'written';
  },
};
