import type Database from '@signalapp/sqlcipher';
import { TIMELINE_KINDS, type Chart, type TimelineEntry } from '../../preload/contract/chart.ts';

type ChartLists = Omit<Chart, 'patientId' | 'timeline'>;

/** Local midnight of a YYYY-MM-DD (or DICOM YYYYMMDD) date: where a date-only entry sits among timed ones. */
export function localMidnight(date: string): number | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

function dated(date: string | null, fallback: number): { at: number; dateOnly: boolean } {
  const at = date === null ? null : localMidnight(date);
  return at === null ? { at: fallback, dateOnly: false } : { at, dateOnly: true };
}

function chartEntries(lists: ChartLists): TimelineEntry[] {
  return [
    ...lists.encounters.map((e) => ({
      kind: 'encounter' as const,
      id: e.id,
      at: e.at,
      dateOnly: false,
      title: e.chiefComplaint,
      detail: e.diagnoses.map((d) => `${d.code} ${d.text}`).join('; ') || null,
      status: e.status,
    })),
    // The renderer shows the measures from the chart's vitals list, in the reader's language.
    ...lists.vitals.map((v) => ({ kind: 'vitals' as const, id: v.id, at: v.at, dateOnly: false, title: '', detail: null, status: v.status })),
    ...lists.problems.map((p) => ({ kind: 'problem' as const, id: p.id, ...dated(p.onset, p.createdAt), title: `${p.code} ${p.text}`, detail: p.note || null, status: p.status })),
    ...lists.allergies.map((a) => ({ kind: 'allergy' as const, id: a.id, at: a.createdAt, dateOnly: false, title: a.substance, detail: a.reaction || null, status: a.status })),
    ...lists.medications.map((m) => ({
      kind: 'medication' as const,
      id: m.id,
      ...dated(m.start, m.createdAt),
      title: m.name,
      detail: [m.dose, m.frequency].filter(Boolean).join(' ') || null,
      status: m.status,
    })),
    ...lists.documents.map((d) => ({ kind: 'document' as const, id: d.id, ...dated(d.date, d.createdAt), title: d.title, detail: null, status: null })),
  ];
}

function appointmentEntries(db: Database, patientId: string): TimelineEntry[] {
  return db
    .prepare(
      `SELECT a.id, a.starts_at, a.reason, a.status, r.name AS provider
       FROM appointments a
       LEFT JOIN appointment_resources ar ON ar.appointment_id = a.id
       LEFT JOIN schedule_resources r ON r.id = ar.resource_id AND r.kind = 'provider'
       WHERE a.patient_id = ? AND (r.id IS NOT NULL OR ar.resource_id IS NULL)`,
    )
    .all<{ id: string; starts_at: number; reason: string; status: string; provider: string | null }>([patientId])
    .map((a) => ({ kind: 'appointment', id: a.id, at: a.starts_at, dateOnly: false, title: a.reason, detail: a.provider, status: a.status }));
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", { pluck: true }).get([name]) !== undefined;
}

/** Studies linked to the chart and their signed reports, once the imaging tables exist (migration 007). */
function imagingEntries(db: Database, patientId: string): TimelineEntry[] {
  if (!hasTable(db, 'imaging_studies') || !hasTable(db, 'imaging_reports')) return [];
  const studies = db
    .prepare(
      `SELECT s.id, s.study_date, s.description, s.created_at,
         (SELECT group_concat(DISTINCT modality) FROM imaging_series WHERE study_id = s.id AND modality <> '') AS modalities
       FROM imaging_studies s WHERE s.patient_id = ? AND s.deleted_at IS NULL`,
    )
    .all<{ id: string; study_date: string | null; description: string; created_at: number; modalities: string | null }>([patientId])
    .map((s) => ({ kind: 'imagingStudy' as const, id: s.id, ...dated(s.study_date, s.created_at), title: s.description, detail: s.modalities, status: null }));
  // Signed reports written for one study on two workstations while apart are both in the chart (migration 014).
  const concurrent = hasTable(db, 'imaging_concurrent_reports')
    ? `UNION ALL SELECT r.id, r.impression, r.signed_at, r.signed_by_name FROM imaging_concurrent_reports r JOIN imaging_studies s ON s.id = r.study_id
       WHERE s.patient_id = $patientId AND s.deleted_at IS NULL AND r.status = 'signed'`
    : '';
  const reports = db
    .prepare(
      `SELECT r.id, r.impression, r.signed_at, r.signed_by_name FROM imaging_reports r JOIN imaging_studies s ON s.id = r.study_id
       WHERE s.patient_id = $patientId AND s.deleted_at IS NULL AND r.status = 'signed' ${concurrent}`,
    )
    .all<{ id: string; impression: string; signed_at: number; signed_by_name: string | null }>({ patientId })
    .map((r) => ({ kind: 'imagingReport' as const, id: r.id, at: r.signed_at, dateOnly: false, title: r.impression, detail: r.signed_by_name, status: 'signed' }));
  return [...studies, ...reports];
}

const KIND_ORDER = new Map(TIMELINE_KINDS.map((kind, index) => [kind, index]));

/** Everything in the chart in date order, newest first; equal times keep a fixed order by kind, then id. */
export function buildTimeline(db: Database, patientId: string, lists: ChartLists): TimelineEntry[] {
  const entries = [...chartEntries(lists), ...appointmentEntries(db, patientId), ...imagingEntries(db, patientId)];
  return entries.sort((a, b) => b.at - a.at || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
