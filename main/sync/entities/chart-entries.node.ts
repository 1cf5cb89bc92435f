import { nextUpdatedAt } from '../../patients/timestamps.ts';
import { parseHlc } from '../hlc.ts';
import { DELETED, valuesOf, type FieldState } from '../state.node.ts';
import { prepared } from '../statements.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { resolveLive } from './patient-links.node.ts';

type Author = { userId: string | null; name: string };

/** Column → contract field, as main/chart writes them (entries.node.ts, vitals.node.ts). */
interface ChartTable {
  entity: string;
  table: string;
  columns: Readonly<Record<string, string>>;
}

const TABLES: readonly ChartTable[] = [
  { entity: 'problem', table: 'problems', columns: { code: 'code', text: 'text', onset: 'onset', status: 'status', resolved_on: 'resolvedOn', note: 'note' } },
  { entity: 'allergy', table: 'allergies', columns: { substance: 'substance', reaction: 'reaction', severity: 'severity', status: 'status', onset: 'onset', note: 'note' } },
  {
    entity: 'medication',
    table: 'medications',
    columns: { name: 'name', dose: 'dose', route: 'route', frequency: 'frequency', start_date: 'start', end_date: 'end', status: 'status', note: 'note' },
  },
  {
    entity: 'vital_signs',
    table: 'vital_signs',
    columns: {
      at: 'at',
      encounter_id: 'encounterId',
      systolic: 'systolic',
      diastolic: 'diastolic',
      heart_rate: 'heartRate',
      temperature: 'temperature',
      spo2: 'spo2',
      respiratory_rate: 'respiratoryRate',
      height: 'height',
      weight: 'weight',
      bmi: 'bmi',
    },
  },
];

/**
 * Chart rows with their own columns per form field, who recorded them, and
 * "entered in error" instead of deletion (a delete's tombstone, or the
 * errorReason the chart replicates).
 */
function chartAdapter(spec: ChartTable): EntityAdapter {
  const columns = Object.keys(spec.columns);
  const all = ['patient_id', ...columns, 'recorded_by_user_id', 'recorded_by_name', 'error_reason', 'created_at', 'updated_at'];
  const upsert = `INSERT INTO ${spec.table} (id, ${all.join(', ')}) VALUES ($id, ${all.map((column) => `$${column}`).join(', ')})
    ON CONFLICT (id) DO UPDATE SET ${all.map((column) => `${column} = excluded.${column}`).join(', ')}`;
  return {
    entity: spec.entity,
    rank: 30,
    patientField: 'patientId',
    materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
      const values = valuesOf(state);
      const recordedBy = values.recordedBy as Author | undefined;
      if (typeof values.patientId !== 'string' || typeof values.createdAt !== 'number' || !recordedBy) return 'pending';
      const patient = resolveLive(context.db, values.patientId);
      if (patient === null) return 'pending';
      const deleted = state[DELETED];
      const updatedAt = typeof values.updatedAt === 'number' ? values.updatedAt : values.createdAt;
      prepared(context.db, upsert).run({
        id,
        patient_id: patient,
        ...Object.fromEntries(Object.entries(spec.columns).map(([column, field]) => [column, (values[field] as string | number | null | undefined) ?? null])),
        recorded_by_user_id: recordedBy.userId,
        recorded_by_name: recordedBy.name,
        error_reason: (values.errorReason as string | null | undefined) ?? (deleted ? 'entered in error' : null),
        created_at: values.createdAt,
        // As the desk that removed it wrote it: the removal moves updatedAt forward.
        updated_at: deleted ? nextUpdatedAt(updatedAt, parseHlc(deleted[0]).wall) : updatedAt,
      });
      return 'written';
    },
  };
}

export const CHART_ADAPTERS: readonly EntityAdapter[] = TABLES.map(chartAdapter);
