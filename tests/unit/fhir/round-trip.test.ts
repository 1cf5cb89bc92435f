import Database from '@signalapp/sqlcipher';
import type { Bundle } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allergyInputSchema, encounterInputSchema, medicationInputSchema, problemInputSchema, vitalsInputSchema } from '../../../preload/contract/chart.ts';
import { patientInputSchema } from '../../../preload/contract/patients.ts';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { chartQueries } from '../../../main/chart/queries.node.ts';
import { bundleToPlan } from '../../../main/fhir/bundle-to-plan.ts';
import { chartToBundle } from '../../../main/fhir/chart-to-bundle.ts';
import { fhirQueries } from '../../../main/fhir/queries.node.ts';
import { validateBundle } from '../../../main/fhir/schema.node.ts';
import { patientQueries } from '../../../main/patients/queries.node.ts';
import { scheduleQueries } from '../../../main/schedule/queries.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { uuidv7 } from '../../../main/store/ids.ts';
import { chartInputs } from './arbitraries.ts';
import { normalised } from './normalise.ts';

const DAY = 24 * 60 * 60_000;
type ChartInputs = ReturnType<typeof chartInputs> extends fc.Arbitrary<infer T> ? T : never;
const NOW = Math.floor(Date.now() / 60_000) * 60_000;

/** A fresh record store: every migration, its own identity, nobody signed in. */
function freshStore(): Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare('INSERT INTO meta (id, clinic_name, workstation_id, created_at) VALUES (1, ?, ?, ?)').run(['测试诊所', uuidv7(), NOW]);
  return db;
}

const audit = (action: AuditInput['action']): AuditInput => ({ at: NOW, userId: null, username: '王医生', role: 'physician', action, entityType: null, entityId: null, patientId: null, outcome: 'success', breakGlass: false, detail: null });
const inTransaction = <T,>(db: Database, work: () => T): T => db.transaction(work)();

/** Writes a generated chart through the app's own store methods, as staff would have over time. */
function writeChart(db: Database, inputs: ChartInputs): string {
  return inTransaction(db, () => {
    const patient = patientQueries.register(db, patientInputSchema.parse(inputs.patient), true, audit('record.create'));
    const provider = scheduleQueries.createResource(db, { id: uuidv7(), kind: 'provider', name: '李医生', userId: null, active: true }, audit('record.create'));
    const room = scheduleQueries.createResource(db, { id: uuidv7(), kind: 'modality', name: 'CT 1', userId: null, active: true }, audit('record.create'));
    for (const appointment of inputs.appointments) {
      const start = NOW - appointment.daysAgo * DAY;
      const booked = scheduleQueries.book(db, { id: uuidv7(), patientId: patient.id, providerId: provider.id, roomId: appointment.room ? room.id : null, start, end: start + 30 * 60_000, reason: appointment.reason }, audit('record.create'));
      if (appointment.status === 'checkOut') scheduleQueries.setStatus(db, booked.id, 'checkIn', null, audit('record.update'));
      if (appointment.status !== 'booked') scheduleQueries.setStatus(db, booked.id, appointment.status, appointment.status === 'cancel' ? '患者改期' : null, audit('record.update'));
    }
    const encounters = inputs.encounters.map(({ encounter, sign, addenda }) => {
      let written = chartQueries.createEncounter(db, patient.id, encounterInputSchema.parse(encounter), audit('record.create'));
      if (sign || addenda.length) written = chartQueries.signEncounter(db, written.id, written.updatedAt, audit('record.update'));
      for (const addendum of addenda) written = chartQueries.addAddendum(db, written.id, addendum, audit('record.update'));
      return written;
    });
    // Measured in time order, as in a clinic: a BMI uses the latest height measured before it.
    for (const { vitals, encounter } of [...inputs.vitals].sort((a, b) => a.vitals.at - b.vitals.at)) {
      const encounterId = encounter === null || encounters.length === 0 ? null : encounters[encounter % encounters.length]!.id;
      chartQueries.recordVitals(db, patient.id, vitalsInputSchema.parse({ ...vitals, encounterId }), audit('record.create'));
    }
    for (const problem of inputs.problems) chartQueries.createProblem(db, patient.id, problemInputSchema.parse(problem), audit('record.create'));
    for (const allergy of inputs.allergies) chartQueries.createAllergy(db, patient.id, allergyInputSchema.parse(allergy), audit('record.create'));
    for (const medication of inputs.medications) chartQueries.createMedication(db, patient.id, medicationInputSchema.parse(medication), audit('record.create'));
    return patient.id;
  });
}

/**
 * A chart as the store reads it, without what the importing store assigns
 * itself: write times, account ids (the accounts are the other clinic's),
 * schedule resource ids, the MRN. Encounters and vital signs keep no
 * creation time in FHIR; the rest keep theirs.
 */
function comparable(db: Database, patientId: string): unknown {
  const snapshot = inTransaction(db, () => fhirQueries.snapshot(db, patientId, audit('export')))!;
  const { storeId: _storeId, ...chart } = snapshot;
  const dropped = new Set(['updatedAt', 'userId', 'resourceId', 'mrn']);
  return JSON.parse(
    JSON.stringify(chart, function (this: Record<string, unknown>, key, value: unknown) {
      if (dropped.has(key)) return undefined;
      if (key === 'createdAt' && ('at' in this || 'mrn' in this)) return undefined;
      if (key === 'id' && 'kind' in this) return undefined;
      return value;
    }),
  );
}

function exportChart(db: Database, patientId: string): Bundle {
  const snapshot = inTransaction(db, () => fhirQueries.snapshot(db, patientId, audit('export')))!;
  // Through JSON, as the file carries it.
  return JSON.parse(JSON.stringify(chartToBundle(snapshot, { at: NOW }))) as Bundle;
}

/**
 * The round-trip property: any chart exported, imported into a fresh store
 * and exported again gives the same bundle, up to what each store assigns
 * itself (normalise.ts: export time, last-written times, the MRN). Every
 * other id survives: the patient's, each record's, and the derived ids of
 * observations, diagnoses and coverage. Each bundle also passes the R4 schema.
 */
describe('FHIR round trip (property)', () => {
  const stores: Database[] = [];
  const fresh = () => {
    const db = freshStore();
    stores.push(db);
    return db;
  };
  beforeAll(async () => {
    // Compiles the schema once for every run.
    await validateBundle({ resourceType: 'Bundle', type: 'collection' });
  }, 60_000);
  afterAll(() => stores.forEach((db) => db.close()));

  it('random charts survive export → import into a fresh store → export unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(chartInputs(NOW), async (inputs) => {
        const source = fresh();
        const patientId = writeChart(source, inputs);
        const first = exportChart(source, patientId);
        expect(await validateBundle(first)).toEqual([]);

        const planned = bundleToPlan(first);
        if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
        const target = fresh();
        // The plan crosses to the store worker by structured clone.
        const report = inTransaction(target, () => fhirQueries.importChart(target, structuredClone(planned.plan), audit('record.create')));
        expect(report.entries.filter((entry) => entry.outcome !== 'created')).toEqual([]);
        expect(report.patient.id).toBe(patientId);

        const again = exportChart(target, patientId);
        expect(normalised(again)).toEqual(normalised(first));
        // And the store's own reads agree, so nothing is lost on both sides alike.
        expect(comparable(target, patientId)).toEqual(comparable(source, patientId));
        source.close();
        target.close();
        stores.length = 0;
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
