import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../preload/contract/fhir.ts';
import { residentId } from '../patients/helpers.ts';
import { fhirClinic, rowCounts, sql, type FhirClinic } from './helpers.ts';

let PATIENT_URL = 'urn:uuid:0190c5f0-0000-7000-8000-00000000000a';
const SQL = "Robert'); DROP TABLE patients;--";
const HTML = '<img src=x onerror=alert(1)>';

/** A patient entry; its id (default …0a) names it, and later entries of the bundle refer to the last one made. */
function patient(overrides: Record<string, unknown> = {}): BundleEntry {
  const id = (overrides.id as string | undefined) ?? '0190c5f0-0000-7000-8000-00000000000a';
  PATIENT_URL = `urn:uuid:${id}`;
  return { fullUrl: PATIENT_URL, resource: { resourceType: 'Patient', id, name: [{ text: '李雷' }], gender: 'male', birthDate: '1979-02-03', ...overrides } as Resource };
}

function bundle(...entries: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: entries };
}

function observation(id: string, loinc: string, value: number, unit: string, extra: Record<string, unknown> = {}): BundleEntry {
  return {
    fullUrl: `urn:uuid:${id}`,
    resource: {
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
      subject: { reference: PATIENT_URL },
      effectiveDateTime: '2024-05-01T08:30:00+08:00',
      valueQuantity: { value, system: 'http://unitsofmeasure.org', code: unit },
      ...extra,
    } as Resource,
  };
}

describe('FHIR import of untrusted files', () => {
  let clinic: FhirClinic;
  let file = 0;

  /** Imports `content` as a file; the store's row counts must not change unless `expectChange`. */
  async function importing(content: string | Buffer | Bundle) {
    const path = join(clinic.folder, `bundle-${file++}.json`);
    await writeFile(path, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
    clinic.answer.open = path;
    return clinic.call('admin', 'fhir.importBundle', {});
  }

  async function refused(content: string | Buffer | Bundle, code: string, path?: string) {
    const before = rowCounts(clinic);
    const result = await importing(content);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: code } } });
    if (!result.ok && path !== undefined) expect(result.error.fields?.map((field) => field.path)).toContain(path);
    expect(rowCounts(clinic)).toEqual(before);
    return result;
  }

  beforeAll(async () => {
    clinic = await fhirClinic();
  }, 60_000);
  afterAll(() => clinic.cleanup());

  it('refuses what is not a Bundle', async () => {
    await refused(JSON.stringify(patient().resource), 'NOT_BUNDLE', '/resourceType');
    await refused('[1, 2, 3]', 'NOT_BUNDLE');
    await refused('{"resourceType": "Bundle", "type": "collection", "entry": [', 'NOT_JSON');
    // Bytes that are not UTF-8 (a UTF-16 byte order mark in the middle).
    const notUtf8 = await refused(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'NOT_JSON');
    expect(notUtf8.ok || notUtf8.error.fields?.[0]?.message).toMatch(/UTF-8/);
  });

  it('refuses a 100 MB file without reading it', async () => {
    const path = join(clinic.folder, 'huge.json');
    const handle = await open(path, 'w');
    await handle.truncate(100 * 1024 * 1024);
    await handle.close();
    clinic.answer.open = path;
    const before = rowCounts(clinic);
    expect(await clinic.call('admin', 'fhir.importBundle', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'TOO_LARGE' } } });
    expect(rowCounts(clinic)).toEqual(before);
  });

  it('refuses nesting deep enough to attack the parser', async () => {
    await refused(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'TOO_DEEP');
    // Brackets inside strings are text, not nesting.
    const text = bundle(patient({ name: [{ text: `[${'['.repeat(60)}` }] }));
    expect((await importing(text)).ok).toBe(true);
  });

  it('refuses a bundle the R4 schema refuses, naming the entry and field', async () => {
    await refused(bundle(patient({ gender: 'bogus' })), 'SCHEMA', '/entry/0/resource/gender');
    await refused(bundle(patient(), { resource: { resourceType: 'NotAResource', id: 'x' } as unknown as Resource }), 'SCHEMA', '/entry/1/resource/resourceType');
    await refused(JSON.stringify({ resourceType: 'Bundle', type: 'collection', __proto__x: 1 }), 'SCHEMA');
    await refused('{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","__proto__":{"admin":true}}}]}', 'SCHEMA');
    await refused(bundle(patient({ birthDate: '1979-13-45' })), 'SCHEMA', '/entry/0/resource/birthDate');
  });

  it('refuses a bundle with no patient or two, and a patient the register would refuse', async () => {
    await refused(bundle(), 'NO_PATIENT');
    await refused(bundle(patient(), patient({ id: '0190c5f0-0000-7000-8000-00000000000b' })), 'NO_PATIENT');
    await refused(bundle(patient({ name: [{ text: '长'.repeat(10_000) }] })), 'PATIENT', '/entry/0/resource/name');
    const badId = residentId('1979-02-03').slice(0, 17) + (residentId('1979-02-03').endsWith('0') ? '1' : '0');
    await refused(bundle(patient({ identifier: [{ system: 'urn:oid:2.16.156.10011.1.11', value: badId }] })), 'PATIENT', '/entry/0/resource/identifier');
    await refused(bundle(patient({ birthDate: '2999-01-01' })), 'PATIENT', '/entry/0/resource/birthDate');
  });

  it('stores SQL and HTML in strings verbatim, as text, and nothing else changes', async () => {
    const result = await importing(
      bundle(
        patient({ id: '0190c5f0-0000-7000-8000-0000000000c1', name: [{ text: `${SQL} ${HTML}` }], address: [{ text: HTML }] }),
        {
          fullUrl: 'urn:uuid:0190c5f0-0000-7000-8000-0000000000c2',
          resource: { resourceType: 'AllergyIntolerance', id: '0190c5f0-0000-7000-8000-0000000000c2', code: { text: SQL }, patient: { reference: PATIENT_URL }, note: [{ text: HTML }] } as Resource,
        },
      ),
    );
    if (!result.ok) throw new Error(result.error.message);
    const report = (result.value as { report: ImportReport }).report;
    expect(report.counts).toMatchObject({ created: 2, skipped: 0 });
    expect(sql(clinic, 'SELECT full_name, address FROM patients WHERE id = ?', [report.patient.id])).toEqual([{ full_name: `${SQL} ${HTML}`, address: HTML }]);
    expect(sql(clinic, 'SELECT substance, note FROM allergies WHERE patient_id = ?', [report.patient.id])).toEqual([{ substance: SQL, note: HTML }]);
    expect(sql(clinic, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'patients'")).toEqual([{ n: 1 }]);
  });

  it('skips, with a reason per entry, what the chart cannot hold, and imports the rest', async () => {
    const result = await importing(
      bundle(
        patient({ id: '0190c5f0-0000-7000-8000-0000000000d1', name: [{ text: '韩梅梅' }], gender: 'female' }),
        // 101.3 °F converts to 38.5 °C.
        observation('0190c5f0-0000-7000-8000-0000000000d2', '8310-5', 101.3, '[degF]', { category: [{ coding: [{ code: 'vital-signs' }] }] }),
        // 60 °C is no patient's temperature.
        observation('0190c5f0-0000-7000-8000-0000000000d3', '8310-5', 60, 'Cel', { effectiveDateTime: '2024-05-02T08:30:00+08:00' }),
        // A laboratory result: not a vital sign.
        observation('0190c5f0-0000-7000-8000-0000000000d4', '2345-7', 5.4, 'mmol/L', { effectiveDateTime: '2024-05-03T08:30:00+08:00' }),
        { fullUrl: 'urn:uuid:0190c5f0-0000-7000-8000-0000000000d5', resource: { resourceType: 'Procedure', status: 'completed', subject: { reference: PATIENT_URL } } as Resource },
        {
          fullUrl: 'urn:uuid:0190c5f0-0000-7000-8000-0000000000d6',
          resource: { resourceType: 'Condition', subject: { reference: PATIENT_URL }, code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003' }] } } as Resource,
        },
      ),
    );
    if (!result.ok) throw new Error(result.error.message);
    const { entries } = (result.value as { report: ImportReport }).report;
    expect(entries.map((entry) => [entry.index, entry.resourceType, entry.outcome, entry.reason])).toEqual([
      [0, 'Patient', 'created', null],
      [1, 'Observation', 'created', null],
      [2, 'Observation', 'skipped', 'invalid-value'],
      [3, 'Observation', 'skipped', 'unsupported-code'],
      [4, 'Procedure', 'skipped', 'unsupported-type'],
      [5, 'Condition', 'skipped', 'unsupported-code'],
    ]);
    expect(entries[2]!.message).toMatch(/temperature/);
    expect(sql(clinic, "SELECT temperature FROM vital_signs WHERE id = '0190c5f0-0000-7000-8000-0000000000d2'")).toEqual([{ temperature: 38.5 }]);
  });
});
