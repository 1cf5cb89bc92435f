import type Database from '@signalapp/sqlcipher';
import type { LinkReason, MISMATCH_FIELDS } from '../../preload/contract/imaging.ts';
import type { InstanceMetadata } from './import/metadata.ts';

type FilePatient = InstanceMetadata['patient'];
type ChartRow = { id: string; merged_into: string | null; full_name: string; pinyin: string | null; sex: string; birth_date: string };

export type Mismatch = (typeof MISMATCH_FIELDS)[number];

export interface ChartMatch {
  patientId: string;
  reason: Extract<LinkReason, 'mrn' | 'national-id'>;
  mismatches: Mismatch[];
}

const CHART_COLUMNS = 'id, merged_into, full_name, pinyin, sex, birth_date';
const MAX_MERGE_HOPS = 10;

/**
 * The chart a study's patient most likely is: the record whose MRN equals the file's Patient ID,
 * else whose identifier (resident ID, passport…) equals the Patient ID or one of the Other Patient
 * IDs. Merged records lead to their survivor. Null when nothing matches.
 */
export function findChartMatch(db: Database, patient: FilePatient): ChartMatch | null {
  const byMrn = patient.patientId ? db.prepare(`SELECT ${CHART_COLUMNS} FROM patients WHERE mrn = ?`).get<ChartRow>([patient.patientId]) : undefined;
  if (byMrn) return withMismatches(db, byMrn, 'mrn', patient);
  for (const value of [patient.patientId, ...patient.otherIds]) {
    // Short values (a local accession-like "123") would match by accident.
    if (value.length < 6) continue;
    const row = db.prepare(`SELECT ${CHART_COLUMNS} FROM patients WHERE id_value = ? ORDER BY merged_into IS NOT NULL LIMIT 1`).get<ChartRow>([value.toUpperCase()]);
    if (row) return withMismatches(db, row, 'national-id', patient);
  }
  return null;
}

function withMismatches(db: Database, row: ChartRow, reason: ChartMatch['reason'], patient: FilePatient): ChartMatch {
  const live = survivor(db, row);
  return { patientId: live.id, reason, mismatches: mismatchesOf(live, patient) };
}

function survivor(db: Database, row: ChartRow): ChartRow {
  let current = row;
  for (let hop = 0; current.merged_into && hop < MAX_MERGE_HOPS; hop++) {
    const next = db.prepare(`SELECT ${CHART_COLUMNS} FROM patients WHERE id = ?`).get<ChartRow>([current.merged_into]);
    if (!next) break;
    current = next;
  }
  return current;
}

/** Demographics in the file that contradict the chart; unknown values in the file contradict nothing. */
export function mismatchesOf(chart: Pick<ChartRow, 'full_name' | 'pinyin' | 'sex' | 'birth_date'>, patient: FilePatient): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (patient.name && !namesAgree(chart.full_name, chart.pinyin, patient.name)) mismatches.push('name');
  if (patient.sex !== 'unknown' && chart.sex !== 'unknown' && patient.sex !== chart.sex) mismatches.push('sex');
  if (patient.birthDate && patient.birthDate !== chart.birth_date) mismatches.push('birthDate');
  return mismatches;
}

/**
 * A DICOM Person Name (`Zhang^San=张^三`) agrees with a chart name (`张三`, pinyin `zhang san`) if
 * any of its representations equals the name or its pinyin, ignoring component separators, case
 * and spaces; family-name-first and given-name-first orders both count.
 */
export function namesAgree(fullName: string, pinyin: string | null, personName: string): boolean {
  const squash = (value: string) => value.normalize('NFKC').toLowerCase().replace(/[\s^,.·•-]+/gu, '');
  const chart = new Set([squash(fullName), ...(pinyin ? [squash(pinyin)] : [])]);
  for (const group of personName.split('=')) {
    const [family = '', given = ''] = group.split('^');
    for (const candidate of [squash(group), squash(given + family)]) if (candidate && chart.has(candidate)) return true;
  }
  return false;
}
