import type Database from '@signalapp/sqlcipher';
import { describe, expect, it } from 'vitest';
import type { InstanceMetadata } from '../../../main/imaging/import/metadata.ts';
import { imagingQueries } from '../../../main/imaging/queries.node.ts';
import { applyBatch } from '../../../main/sync/apply.node.ts';
import type { Batch, WireChange } from '../../../main/sync/batch.ts';
import { audit, stationsPerTest } from '../sync/helpers.ts';

const station = stationsPerTest('cw-nonimage-sync-');

function outboxBatch(db: Database, workstation: string): Batch {
  const rows = db
    .prepare('SELECT hlc, entity, entity_id, op, fields FROM outbox ORDER BY seq')
    .all<{ hlc: string; entity: string; entity_id: string; op: WireChange['op']; fields: string }>([]);
  return { version: 1, workstation, object: 1, changes: rows.map((row) => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> })) };
}

/** A dose report as the import indexes it: no pixel data, so no frames, rows or columns. */
const doseReport: InstanceMetadata = {
  patient: { name: 'LI^NA', patientId: 'P1', issuer: '', birthDate: '1980-01-01', sex: 'female', otherIds: [] },
  study: { uid: '2.25.7', date: '2025-01-02', time: null, accession: 'A1', description: 'CT CHEST', referring: '' },
  series: { uid: '2.25.7.9', modality: 'SR', number: 990, description: 'DOSE REPORT', bodyPart: '' },
  instance: { sopInstanceUid: '2.25.7.9.1', sopClassUid: '1.2.840.10008.5.1.4.1.1.88.67', transferSyntaxUid: '1.2.840.10008.1.2.1', frames: 0, rows: 0, columns: 0, instanceNumber: 1, slicePosition: null },
};

describe('objects without pixel data through sync', () => {
  it('arrive on another workstation as a report series with no frames, not as a one-frame image', () => {
    const [a, b] = [station('ws-a'), station('ws-b')];
    a.transaction(() => imagingQueries.indexInstance(a, doseReport, { hash: 'c'.repeat(64), size: 900 }, audit('imaging.import')))();
    expect(applyBatch(b, 't', outboxBatch(a, 'ws-a'), Date.now()).applied).toBe(true);
    const studyId = b.prepare('SELECT id FROM imaging_studies', { pluck: true }).get<string>([])!;
    const list = b.transaction(() => imagingQueries.listSeries(b, studyId, audit('record.read')))();
    expect(list).toMatchObject([{ modality: 'SR', description: 'DOSE REPORT', content: 'structured-report', instances: [{ frameCount: 0, rows: 0, columns: 0, sopClassUid: doseReport.instance.sopClassUid }] }]);
  });
});
