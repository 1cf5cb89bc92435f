import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../../main/chart/document-files.node.ts';
import { DOCUMENT_MAX_BYTES } from '../../../preload/contract/chart.ts';
import { auditRows, outbox, useChartClinic } from './helpers.ts';

/** What the file choosers answer next: a path, or null for a cancelled dialog. */
const answers: { open: string | null; save: string | null } = { open: null, save: null };
const dialogs = {
  chooseOpenFile: async () => answers.open,
  chooseSaveFile: async () => answers.save,
};

// A 1×1 PNG and a minimal PDF, each carrying a marker that must never appear in plaintext under the data folder.
const MARKER = 'PLAINTEXT-MARKER-7f3a9c';
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e6f60000000049454e44ae426082', 'hex'),
  Buffer.from(MARKER),
]);
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${MARKER}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) found.push(join(entry.parentPath, entry.name));
  return found;
}

describe('document types', () => {
  it('recognises files by their signature, not their name', () => {
    expect(sniffMediaType(PNG)).toBe('image/png');
    expect(sniffMediaType(PDF)).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffMediaType(new Uint8Array(0))).toBeNull();
  });
});

describe('documents', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-documents-'));
    await writeFile(join(folder, 'scan.png'), PNG);
    await writeFile(join(folder, 'letter.pdf'), PDF);
    await writeFile(join(folder, 'fake.pdf'), randomBytes(2048));
    await writeFile(join(folder, 'empty.pdf'), '');
    await writeFile(join(folder, 'huge.pdf'), PDF);
    await truncate(join(folder, 'huge.pdf'), DOCUMENT_MAX_BYTES + 1);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const clinic = useChartClinic({ dialogs });

  it('attaches files encrypted at rest, shows images, saves copies, and audits each step', async () => {
    const c = clinic();
    answers.open = join(folder, 'scan.png');
    const image = (await c.ok('nurse', 'chart.documents.attach', { patientId: c.patientId, document: { title: '外院心电图 ECG', kind: 'report', date: '2024-03-01' } }))!;
    expect(image).toMatchObject({ mediaType: 'image/png', size: PNG.length, title: '外院心电图 ECG', kind: 'report', date: '2024-03-01', recordedBy: { name: 'Nurse Xu' } });
    expect(outbox(c).at(-1)).toMatchObject({ entity: 'document', entityId: image.id, op: 'upsert', fields: { mediaType: 'image/png', blobHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'record.create', entity_type: 'document', entity_id: image.id, patient_id: c.patientId });

    answers.open = join(folder, 'letter.pdf');
    const pdf = await c.ok('physician', 'chart.documents.attach', { patientId: c.patientId, document: { title: 'Referral letter', kind: 'referral', date: '2024-03-02' } });
    expect(pdf!.mediaType).toBe('application/pdf');

    // Nothing under the data folder holds the files' bytes in plaintext.
    for (const path of await filesUnder(c.dataDir)) {
      const bytes = await readFile(path);
      expect(bytes.includes(MARKER), path).toBe(false);
    }

    const shown = await c.ok('radiologist', 'chart.documents.image', { id: image.id });
    expect(Buffer.from(shown.base64, 'base64').equals(PNG)).toBe(true);
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'record.read', entity_type: 'document', entity_id: image.id, username: 'radiologist' });
    expect(await c.refused('physician', 'chart.documents.image', { id: pdf!.id })).toMatchObject({ code: 'VALIDATION', details: { reason: 'not-image' } });

    const copy = join(folder, 'copy.pdf');
    answers.save = copy;
    expect(await c.ok('frontdesk', 'chart.documents.saveCopy', { id: pdf!.id })).toEqual({ saved: true });
    expect((await readFile(copy)).equals(PDF)).toBe(true);
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'export', entity_type: 'document', entity_id: pdf!.id });

    const audited = auditRows(c).length;
    answers.save = null;
    expect(await c.ok('frontdesk', 'chart.documents.saveCopy', { id: pdf!.id })).toEqual({ saved: false });
    expect(auditRows(c)).toHaveLength(audited);

    const chart = await c.ok('physician', 'chart.get', { patientId: c.patientId });
    expect(chart.documents.map((document) => document.title)).toEqual(['Referral letter', '外院心电图 ECG']);
    expect(chart.timeline.filter((entry) => entry.kind === 'document')).toHaveLength(2);

    await c.ok('physician', 'chart.documents.remove', { id: pdf!.id, reason: 'Wrong patient' });
    expect((await c.ok('physician', 'chart.get', { patientId: c.patientId })).documents).toHaveLength(1);
    expect(outbox(c).at(-1)).toEqual({ entity: 'document', entityId: pdf!.id, op: 'delete', fields: { errorReason: 'Wrong patient' } });
  });

  it('refuses empty, oversized and disguised files, and bad fields, with field-level messages, changing nothing', async () => {
    const c = clinic();
    const before = await c.footprint();
    const blobs = join(c.services.paths.files, 'store', 'blobs');
    const blobCount = () => stat(blobs).then(async () => (await filesUnder(blobs)).length, () => 0);
    const blobsBefore = await blobCount();
    const document = { title: 'Scan', date: '2024-01-01' };
    for (const [file, reason] of [
      ['fake.pdf', 'unsupported-type'],
      ['empty.pdf', 'empty'],
      ['huge.pdf', 'too-large'],
    ] as const) {
      answers.open = join(folder, file);
      expect(await c.refused('physician', 'chart.documents.attach', { patientId: c.patientId, document }), file).toMatchObject({
        code: 'VALIDATION',
        fields: [{ path: 'file', code: reason }],
        details: { reason },
      });
    }
    answers.open = join(folder, 'scan.png');
    expect(await c.refused('physician', 'chart.documents.attach', { patientId: c.patientId, document: { title: 'x'.repeat(10_000), date: '2024-01-01' } })).toMatchObject({
      fields: [{ path: 'document.title' }],
    });
    expect(await c.refused('physician', 'chart.documents.attach', { patientId: c.patientId, document: { title: 'x', date: '2999-01-01' } })).toMatchObject({
      fields: [{ path: 'document.date' }],
    });
    expect(await c.refused('frontdesk', 'chart.documents.attach', { patientId: c.patientId, document })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await c.footprint()).toEqual(before);
    // No blob was written for a refused file.
    expect(await blobCount()).toBe(blobsBefore);

    answers.open = null;
    expect(await c.ok('physician', 'chart.documents.attach', { patientId: c.patientId, document })).toBeNull();
    expect(await c.footprint()).toEqual(before);
  });
});
