import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartWithEverything, ZHANG } from './chart-fixture.ts';
import { fhirClinic, rowCounts, type FhirClinic } from './helpers.ts';

/** How an import finds the patient a bundle is about: this store's MRN, the resident ID, never two records at once. */
describe('FHIR import matching', () => {
  let source: FhirClinic;
  let exported: string;

  beforeAll(async () => {
    source = await fhirClinic();
    const { patientId } = await chartWithEverything(source);
    exported = join(source.folder, 'chart.json');
    source.answer.save = exported;
    await source.ok('admin', 'fhir.exportChart', { patientId });
  }, 60_000);
  afterAll(() => source.cleanup());

  it('matches its own export by MRN in the store that wrote it', async () => {
    source.answer.open = exported;
    const before = rowCounts(source);
    const result = await source.ok('admin', 'fhir.importBundle', {});
    if (result.cancelled) throw new Error('cancelled');
    expect(result.report.entries[0]).toMatchObject({ outcome: 'matched', reason: 'matched-mrn' });
    expect(result.report.counts.created).toBe(0);
    expect(rowCounts(source)).toEqual(before);
  });

  it('matches by resident ID a record registered separately, adding the chart to it', async () => {
    const third = await fhirClinic();
    try {
      const existing = await third.ok('frontdesk', 'patients.register', { patient: ZHANG, confirmedNotDuplicate: true });
      third.answer.open = exported;
      const result = await third.ok('admin', 'fhir.importBundle', {});
      if (result.cancelled) throw new Error('cancelled');
      expect(result.report.patient).toMatchObject({ id: existing.id, outcome: 'matched' });
      expect(rowCounts(third).patients).toBe(1);
      const chart = await third.ok('physician', 'chart.get', { patientId: existing.id });
      expect(chart.encounters).toHaveLength(1);
      expect(chart.vitals).toHaveLength(2);
    } finally {
      await third.cleanup();
    }
  });

  it('refuses a bundle whose MRN and ID name two different records here, changing nothing', async () => {
    const bundle = JSON.parse(await readFile(exported, 'utf8')) as Bundle;
    const patient = bundle.entry![0]!.resource as Patient;
    // The source's own MRN now names a second record there, while the resident ID still names the first.
    const other = await source.ok('frontdesk', 'patients.register', { patient: { fullName: '王五', sex: 'male', birthDate: '1970-01-01' }, confirmedNotDuplicate: true });
    patient.identifier![0]!.value = other.mrn;
    const file = join(source.folder, 'ambiguous.json');
    await writeFile(file, JSON.stringify(bundle));
    source.answer.open = file;
    const before = rowCounts(source);
    const result = await source.call('admin', 'fhir.importBundle', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'ambiguous-match' } } });
    expect(rowCounts(source)).toEqual(before);
  });

});
