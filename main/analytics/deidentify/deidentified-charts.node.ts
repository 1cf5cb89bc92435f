import type Database from '@signalapp/sqlcipher';
import type { Bundle } from '@medplum/fhirtypes';
import type { AuditInput } from '../../audit/queries.node.ts';
import { deidentifiedChart } from './deidentified-chart.node.ts';

/** A page of live patients' de-identified charts, by register order after `afterSeq`; `next` is null after the last page. */
export function deidentifiedCharts(db: Database, afterSeq: number, limit: number, salt: string, audit: AuditInput): { bundles: Bundle[]; next: number | null } {
  const rows = db.prepare('SELECT seq, id FROM patients WHERE merged_into IS NULL AND seq > ? ORDER BY seq LIMIT ?').all<{ seq: number; id: string }>([afterSeq, limit]);
  const bundles = rows.flatMap((row) => {
    const chart = deidentifiedChart(db, row.id, audit, salt);
    return chart ? [chart.bundle] : [];
  });
  return { bundles, next: rows.length === limit ? rows[rows.length - 1]!.seq : null };
}
