import Database from '@signalapp/sqlcipher';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allergyInputSchema, documentInputSchema, encounterInputSchema, medicationInputSchema, problemInputSchema, vitalsInputSchema } from '../../../preload/contract/chart.ts';
import { patientInputSchema } from '../../../preload/contract/patients.ts';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { chartQueries } from '../../../main/chart/queries.node.ts';
import { bundleToPlan } from '../../../main/fhir/bundle-to-plan.ts';
import { chartToBundle } from '../../../main/fhir/chart-to-bundle.ts';
import { exportedFiles, storeDocumentFiles } from '../../../main/fhir/document-files.node.ts';
import { BlobStore, type BlobRef } from '../../../main/files/blob-store.node.ts';
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

/** Writes a generated chart through the app's own store methods, as staff would have over time (documents' files into the clinic's blob store first, as attaching does). */
async function writeChart(db: Database, blobs: BlobStore, inputs: ChartInputs): Promise<string> {
  const files: BlobRef[] = [];
  for (const document of inputs.documents) files.push(await blobs.put(document.file.bytes));
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
    inputs.documents.forEach(({ fields, file, encounter }, i) => {
      const encounterId = encounter === null || encounters.length === 0 ? null : encounters[encounter % encounters.length]!.id;
      chartQueries.attachDocument(db, patient.id, documentInputSchema.parse({ ...fields, encounterId }), { mediaType: file.mediaType, size: files[i]!.size, blobHash: files[i]!.hash }, audit('record.create'));
    });
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

/** As the export does: the snapshot, then each document's file read from the blob store and embedded. */
async function exportChart(db: Database, blobs: BlobStore, patientId: string): Promise<Bundle> {
  const snapshot = inTransaction(db, () => fhirQueries.exportSnapshot(db, patientId, audit('export')))!;
  const { files, withoutContent } = await exportedFiles(snapshot.chart.documents, snapshot.blobs, (hash) => blobs.read(hash));
  expect(withoutContent).toBe(0);
  // Through JSON, as the file carries it.
  return JSON.parse(JSON.stringify(chartToBundle(snapshot.chart, { at: NOW, files }))) as Bundle;
}

/**
 * The round-trip property: any chart exported, imported into a fresh store
 * and exported again gives the same bundle, up to what each store assigns
 * itself (normalise.ts: export time, last-written times, the MRN). Every
 * other id survives: the patient's, each record's, and the derived ids of
 * observations, diagnoses and coverage. Documents travel with their files
 * (base64 and SHA-1), which land in the importing clinic's own blob store,
 * encrypted under its own key. Each bundle also passes the R4 schema.
 */
describe('FHIR round trip (property)', () => {
  const stores: Database[] = [];
  let folder = '';
  const fresh = () => {
    const db = freshStore();
    stores.push(db);
    return db;
  };
  /** A clinic's blob store: its own folder and file key. */
  const freshBlobs = async () => new BlobStore({ root: await mkdtemp(join(folder, 'blobs-')), fileKey: randomBytes(32) });
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-fhir-round-trip-'));
    // Compiles the schema once for every run.
    await validateBundle({ resourceType: 'Bundle', type: 'collection' });
  }, 60_000);
  afterAll(async () => {
    stores.forEach((db) => db.close());
    await rm(folder, { recursive: true, force: true });
  });

  it('random charts survive export → import into a fresh store → export unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(chartInputs(NOW), async (inputs) => {
        const source = fresh();
        const [sourceBlobs, targetBlobs] = [await freshBlobs(), await freshBlobs()];
        const patientId = await writeChart(source, sourceBlobs, inputs);
        const first = await exportChart(source, sourceBlobs, patientId);
        expect(await validateBundle(first)).toEqual([]);

        const planned = bundleToPlan(first);
        if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
        const target = fresh();
        // The plan crosses from the FHIR worker to main, and on to the store worker, by structured clone.
        const stored = await storeDocumentFiles(structuredClone(planned.plan), (bytes) => targetBlobs.put(bytes));
        const report = inTransaction(target, () => fhirQueries.importChart(target, structuredClone(stored), audit('record.create')));
        expect(report.entries.filter((entry) => entry.outcome !== 'created')).toEqual([]);
        expect(report.patient.id).toBe(patientId);

        const again = await exportChart(target, targetBlobs, patientId);
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
