import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import type { Chart } from '../../../preload/contract/chart.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartWithEverything } from './chart-fixture.ts';
import { fhirClinic, rowCounts, sql, type FhirClinic } from './helpers.ts';
import { normalised } from './normalise.ts';

/** A chart read without what a store assigns itself: write times of the import, account ids, schedule resource ids. */
function comparable(chart: Chart): unknown {
  return JSON.parse(
    JSON.stringify(chart, (key, value: unknown) => (key === 'updatedAt' || key === 'userId' || key === 'resourceId' ? undefined : key === 'createdAt' ? 0 : value)),
  );
}

/** Exports a chart from one clinic and imports it into another, fresh one. */
describe('FHIR import', () => {
  let source: FhirClinic;
  let target: FhirClinic;
  let exported: string;
  let patientId: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([fhirClinic(), fhirClinic()]);
    ({ patientId } = await chartWithEverything(source));
    exported = join(source.folder, 'chart.json');
    source.answer.save = exported;
    await source.ok('admin', 'fhir.exportChart', { patientId });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source.cleanup(), target.cleanup()]);
  });

  it('creates the patient and the whole chart in a fresh store, and reports every entry', async () => {
    target.answer.open = exported;
    const result = await target.ok('admin', 'fhir.importBundle', {});
    if (result.cancelled) throw new Error('cancelled');
    const { report } = result;
    expect(report.patient).toMatchObject({ id: patientId, outcome: 'created', mrn: 'MRN00000001' });
    const bundle = JSON.parse(await readFile(exported, 'utf8')) as Bundle;
    expect(report.entries.map((entry) => entry.index)).toEqual(bundle.entry!.map((_, index) => index));
    expect(report.entries.filter((entry) => entry.outcome !== 'created')).toEqual([]);
  });

  it('gives the same chart: an export from the new store equals the first one, normalised', async () => {
    target.answer.save = join(target.folder, 'again.json');
    await target.ok('admin', 'fhir.exportChart', { patientId });
    const [first, again] = await Promise.all([readFile(exported, 'utf8'), readFile(target.answer.save, 'utf8')]);
    expect(normalised(JSON.parse(again) as Bundle)).toEqual(normalised(JSON.parse(first) as Bundle));
    // And the chart as the app shows it: the same entries, authors by name (the accounts are the other clinic's).
    const [before, after] = await Promise.all([source.ok('admin', 'chart.get', { patientId }), target.ok('admin', 'chart.get', { patientId })]);
    expect(comparable(after)).toEqual(comparable(before));
  });

  it('writes through the app’s own paths: searchable by pinyin initials, audited, captured for sync', async () => {
    const hits = await target.ok('frontdesk', 'patients.search', { query: 'oynn', limit: 5 });
    expect(hits.map((hit) => hit.id)).toEqual([patientId]);
    const counts = rowCounts(target);
    // One outbox row per created row: the patient, two schedule resources, the appointment, the encounter, two vital sets, two problems, two allergies, two medications.
    // Staff accounts replicate too (`user`): the import's rows are the chart's.
    const outbox = sql<{ entity: string }>(target, "SELECT entity FROM outbox WHERE entity <> 'user'").map((row) => row.entity).sort();
    expect(outbox).toEqual(['allergy', 'allergy', 'appointment', 'encounter', 'medication', 'medication', 'patient', 'problem', 'problem', 'schedule_resource', 'schedule_resource', 'vital_signs', 'vital_signs']);
    const { entries } = await target.ok('admin', 'audit.query', { patientId, action: 'record.create' });
    expect(entries.length).toBeGreaterThanOrEqual(11);
    expect(entries.every((entry) => entry.username === 'admin')).toBe(true);
    expect(counts.patients).toBe(1);
  });

  it('imports the same bundle again without duplicating anything: the patient matched, every entry present', async () => {
    const before = rowCounts(target);
    const result = await target.ok('admin', 'fhir.importBundle', {});
    if (result.cancelled) throw new Error('cancelled');
    expect(result.report.patient).toMatchObject({ id: patientId, outcome: 'matched' });
    expect(result.report.entries[0]).toMatchObject({ resourceType: 'Patient', outcome: 'matched', reason: 'matched-identifier' });
    expect(result.report.counts).toMatchObject({ created: 0, skipped: 0 });
    expect(rowCounts(target)).toEqual(before);
  });

  it('lets only administrators import', async () => {
    for (const desk of ['frontdesk', 'physician', 'nurse'] as const) {
      expect(await target.call(desk, 'fhir.importBundle', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
