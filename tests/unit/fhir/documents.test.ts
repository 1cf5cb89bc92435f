import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleToPlan } from '../../../main/fhir/bundle-to-plan.ts';
import { exportedFiles, MAX_EMBEDDED_TOTAL_BYTES } from '../../../main/fhir/document-files.node.ts';
import { FHIR_EMBEDDED_FILE_MAX_BYTES } from '../../../preload/contract/fhir.ts';
import { MAX_BUNDLE_BYTES } from '../../../main/fhir/json-limits.ts';
import { DOCUMENT_MAX_BYTES, type ChartDocument } from '../../../preload/contract/chart.ts';
import { ZHANG } from './chart-fixture.ts';
import { fhirClinic, rowCounts, type FhirClinic } from './helpers.ts';

const MARKER = 'DOCUMENT-MARKER-51c0';
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e6f60000000049454e44ae426082', 'hex'),
  Buffer.from(MARKER),
]);
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${MARKER}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64');

const documentsOf = (bundle: Bundle) => bundle.entry!.map((entry) => entry.resource!).filter((resource): resource is DocumentReference => resource.resourceType === 'DocumentReference');

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true, recursive: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('FHIR documents: files travel in the bundle', () => {
  let source: FhirClinic;
  let target: FhirClinic;
  let patientId: string;
  let exported: Bundle;
  let exportPath: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([fhirClinic(), fhirClinic()]);
    patientId = (await source.ok('frontdesk', 'patients.register', { patient: ZHANG, confirmedNotDuplicate: true })).id;
    await writeFile(join(source.folder, 'scan.png'), PNG);
    await writeFile(join(source.folder, 'letter.pdf'), PDF);
    source.answer.open = join(source.folder, 'scan.png');
    await source.ok('nurse', 'chart.documents.attach', { patientId, document: { title: '外院心电图 <b>ECG</b>', kind: 'report', date: '2024-03-01' } });
    source.answer.open = join(source.folder, 'letter.pdf');
    await source.ok('physician', 'chart.documents.attach', { patientId, document: { title: "Referral'; DROP TABLE chart_documents;--", kind: 'referral', date: '2024-03-02' } });
    exportPath = join(source.folder, 'chart.json');
    source.answer.save = exportPath;
    const result = await source.ok('physician', 'fhir.exportChart', { patientId });
    expect(result).toMatchObject({ cancelled: false, documentsWithoutContent: 0, resources: { DocumentReference: 2 } });
    exported = JSON.parse(await readFile(exportPath, 'utf8')) as Bundle;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source.cleanup(), target.cleanup()]);
  });

  it('exports each document with its file: content type, title, size, SHA-1 and the bytes in base64', () => {
    const attachments = documentsOf(exported).map((document) => document.content[0]!.attachment);
    expect(attachments).toEqual([
      { contentType: 'image/png', data: PNG.toString('base64'), size: PNG.length, hash: sha1(PNG), title: '外院心电图 <b>ECG</b>', creation: '2024-03-01' },
      { contentType: 'application/pdf', data: PDF.toString('base64'), size: PDF.length, hash: sha1(PDF), title: "Referral'; DROP TABLE chart_documents;--", creation: '2024-03-02' },
    ]);
  });

  it('imports the documents into the chart, encrypted in the blob store, the same files byte for byte; again changes nothing', async () => {
    target.answer.open = exportPath;
    const result = await target.ok('admin', 'fhir.importBundle', {});
    if (result.cancelled) throw new Error('cancelled');
    expect(result.report.entries.filter((entry) => entry.resourceType === 'DocumentReference').map((entry) => entry.outcome)).toEqual(['created', 'created']);

    const chart = await target.ok('physician', 'chart.get', { patientId });
    const sourceChart = await source.ok('physician', 'chart.get', { patientId });
    const shape = (documents: readonly ChartDocument[]) => documents.map(({ id, title, kind, date, mediaType, size, recordedBy, createdAt }) => ({ id, title, kind, date, mediaType, size, recordedBy: recordedBy.name, createdAt }));
    expect(shape(chart.documents)).toEqual(shape(sourceChart.documents));

    const png = chart.documents.find((document) => document.mediaType === 'image/png')!;
    expect(Buffer.from((await target.ok('physician', 'chart.documents.image', { id: png.id })).base64, 'base64').equals(PNG)).toBe(true);
    const pdf = chart.documents.find((document) => document.mediaType === 'application/pdf')!;
    target.answer.save = join(target.folder, 'copy.pdf');
    await target.ok('physician', 'chart.documents.saveCopy', { id: pdf.id });
    expect((await readFile(target.answer.save)).equals(PDF)).toBe(true);

    // Encrypted at rest: no file under the importing clinic's data folder holds either file's bytes.
    for (const path of await filesUnder(target.dataDir)) expect((await readFile(path)).includes(MARKER), path).toBe(false);

    const before = rowCounts(target);
    const again = await target.ok('admin', 'fhir.importBundle', {});
    if (again.cancelled) throw new Error('cancelled');
    expect(again.report.entries.filter((entry) => entry.resourceType === 'DocumentReference').map((entry) => entry.outcome)).toEqual(['present', 'present']);
    expect({ ...rowCounts(target), audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('skips, with where and why, a document whose file is missing, mislabelled, altered or not a PDF, PNG or JPEG; the rest imports', async () => {
    const bundle = structuredClone(exported);
    const [png, pdf] = documentsOf(bundle);
    const variants: [string, (document: DocumentReference) => void][] = [
      ['no-content', (document) => delete document.content[0]!.attachment.data],
      ['/content/0/attachment/hash', (document) => (document.content[0]!.attachment.hash = sha1(Buffer.from('other')))],
      ['/content/0/attachment/size', (document) => (document.content[0]!.attachment.size = 1)],
      ['/content/0/attachment/contentType', (document) => (document.content[0]!.attachment.contentType = 'image/jpeg')],
      ['/content/0/attachment/data', (document) => (document.content[0]!.attachment.data = 'not base64!')],
      ['/content/0/attachment/data', (document) => Object.assign(document.content[0]!.attachment, { data: 'JVBE'.repeat(Math.ceil(DOCUMENT_MAX_BYTES / 3) + 1), size: undefined, hash: undefined })],
      ['unsupported-type', (document) => Object.assign(document.content[0]!.attachment, { data: Buffer.from('<html>').toString('base64'), contentType: 'text/html', size: undefined, hash: undefined })],
    ];
    for (const [expected, spoil] of variants) {
      const copy = structuredClone(bundle);
      spoil(documentsOf(copy)[0]!);
      const planned = bundleToPlan(copy);
      if (!planned.ok) throw new Error('refused');
      expect(planned.plan.documents.map((document) => document.id), expected).toEqual([pdf!.id]);
      const [skipped] = planned.plan.skipped.filter((entry) => entry.resourceType === 'DocumentReference');
      expect(skipped, expected).toMatchObject({ outcome: 'skipped' });
      expect([skipped!.reason, skipped!.path], expected).toContain(expected);
      // The message names the rule, never the data.
      expect(skipped!.message).not.toContain(MARKER);
    }
    expect(png).toBeDefined();
  });

  it('exports a file over the per-file limit as its record, size and hash only; an import reports it as skipped without content', async () => {
    const big = Buffer.alloc(FHIR_EMBEDDED_FILE_MAX_BYTES + 1, 0x20);
    PDF.copy(big);
    await writeFile(join(source.folder, 'big.pdf'), big);
    source.answer.open = join(source.folder, 'big.pdf');
    await source.ok('physician', 'chart.documents.attach', { patientId, document: { title: '大扫描件', kind: 'lab', date: '2024-03-03' } });
    source.answer.save = join(source.folder, 'with-big.json');
    expect(await source.ok('physician', 'fhir.exportChart', { patientId })).toMatchObject({ cancelled: false, documentsWithoutContent: 1, resources: { DocumentReference: 3 } });
    const bundle = JSON.parse(await readFile(source.answer.save, 'utf8')) as Bundle;
    const left = documentsOf(bundle).find((document) => document.description === '大扫描件')!;
    expect(left.content[0]!.attachment).toEqual({ contentType: 'application/pdf', size: big.length, hash: sha1(big), title: '大扫描件', creation: '2024-03-03' });

    target.answer.open = source.answer.save;
    const result = await target.ok('admin', 'fhir.importBundle', {});
    if (result.cancelled) throw new Error('cancelled');
    const index = bundle.entry!.findIndex((entry) => (entry.resource as DocumentReference).description === '大扫描件');
    expect(result.report.entries.find((entry) => entry.index === index)).toMatchObject({ resourceType: 'DocumentReference', outcome: 'skipped', reason: 'no-content', path: '/content' });
    expect((await target.ok('physician', 'chart.get', { patientId })).documents).toHaveLength(2);
  });

  it('leaves a file over the per-file limit out of the export, keeping its size and hash, and counts it', async () => {
    const big = Buffer.alloc(FHIR_EMBEDDED_FILE_MAX_BYTES + 1);
    PDF.copy(big);
    const small = PNG;
    const reads: string[] = [];
    const documents = [{ id: 'a', size: big.length }, { id: 'b', size: small.length }] as ChartDocument[];
    const { files, withoutContent } = await exportedFiles(documents, { a: 'blob-a', b: 'blob-b' }, async (hash) => {
      reads.push(hash);
      return hash === 'blob-a' ? big : small;
    });
    expect(reads).toEqual(['blob-a', 'blob-b']);
    expect(withoutContent).toBe(1);
    expect(files.get('a')).toEqual({ hash: sha1(big), data: null });
    expect(files.get('b')).toEqual({ hash: sha1(small), data: small.toString('base64') });
  });

  it('lists a document whose file is on another workstation and unreachable without a hash or bytes, and counts it', async () => {
    const documents = [{ id: 'here' }, { id: 'away' }] as ChartDocument[];
    const { files, withoutContent } = await exportedFiles(documents, { here: 'blob-here', away: 'blob-away' }, async (hash) => (hash === 'blob-here' ? PNG : null));
    expect(withoutContent).toBe(1);
    expect(files.get('here')).toEqual({ hash: sha1(PNG), data: PNG.toString('base64') });
    expect(files.has('away')).toBe(false);
  });

  it('stops embedding once the export’s total would pass its budget, which keeps every export importable', async () => {
    const chunk = Buffer.alloc(FHIR_EMBEDDED_FILE_MAX_BYTES, 1);
    const count = Math.floor(MAX_EMBEDDED_TOTAL_BYTES / chunk.length) + 1;
    const documents = Array.from({ length: count }, (_, i) => ({ id: `d${i}` })) as ChartDocument[];
    const { files, withoutContent } = await exportedFiles(documents, Object.fromEntries(documents.map((d) => [d.id, d.id])), async () => chunk);
    expect(withoutContent).toBe(1);
    expect(files.get(`d${count - 1}`)!.data).toBeNull();
    expect(files.get('d0')!.data).not.toBeNull();
    // Base64 of the whole budget leaves room for the rest of the chart under the import's limit.
    expect(Math.ceil(MAX_EMBEDDED_TOTAL_BYTES / 3) * 4).toBeLessThan(MAX_BUNDLE_BYTES * 0.85);
  });
});
