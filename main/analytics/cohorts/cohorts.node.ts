import type Database from '@signalapp/sqlcipher';
import type { ClusteringSummary, Cohort, CohortMember } from '../../../preload/contract/analytics.ts';
import { appendAudit, type AuditInput } from '../../audit/queries.node.ts';
import { StoreError } from '../../store/errors.ts';

export interface NewCohort {
  id: string;
  name: string;
  summary: ClusteringSummary;
  /** Member patient ids joined by "\n", and each one's cluster. */
  patientIds: string;
  clusters: Int32Array;
  createdByName: string;
}

type CohortRow = { id: string; name: string; summary: string; member_count: number; created_at: number; created_by_name: string };
type MemberRow = { id: string; mrn: string; full_name: string; sex: string; birth_date: string; cluster: number };

const toCohort = (row: CohortRow): Cohort => ({
  id: row.id,
  name: row.name,
  memberCount: row.member_count,
  createdAt: row.created_at,
  createdByName: row.created_by_name,
  summary: JSON.parse(row.summary) as ClusteringSummary,
});

const toMember = (row: MemberRow): CohortMember => ({
  patientId: row.id,
  mrn: row.mrn,
  fullName: row.full_name,
  sex: row.sex,
  birthDate: row.birth_date,
  cluster: row.cluster,
});

export function saveCohort(db: Database, cohort: NewCohort, audit: AuditInput): Cohort {
  const ids = cohort.patientIds ? cohort.patientIds.split('\n') : [];
  if (ids.length !== cohort.clusters.length) throw new StoreError('CONFLICT', { reason: 'members' });
  const { features, missing, k, seed } = cohort.summary;
  db.prepare(
    `INSERT INTO analytics_cohorts (id, name, params, summary, member_count, created_by_user_id, created_by_name, created_at)
     VALUES ($id, $name, $params, $summary, $count, $userId, $userName, $at)`,
  ).run({
    id: cohort.id,
    name: cohort.name,
    params: JSON.stringify({ features, missing, k, seed }),
    summary: JSON.stringify(cohort.summary),
    count: ids.length,
    userId: audit.userId,
    userName: cohort.createdByName,
    at: audit.at,
  });
  const insert = db.prepare('INSERT INTO analytics_cohort_members (cohort_id, patient_id, cluster) VALUES (?, ?, ?)');
  ids.forEach((patientId, i) => insert.run([cohort.id, patientId, cohort.clusters[i]!]));
  appendAudit(db, { ...audit, entityType: 'cohort', entityId: cohort.id, detail: `${ids.length} members, k=${k}` });
  return toCohort(db.prepare('SELECT * FROM analytics_cohorts WHERE id = ?').get<CohortRow>([cohort.id])!);
}

export function listCohorts(db: Database): Cohort[] {
  return db.prepare('SELECT * FROM analytics_cohorts ORDER BY created_at DESC').all<CohortRow>().map(toCohort);
}

/** A page of a saved cohort's members (merged records shown as their survivor), audited as a read of the list. */
export function cohortMembers(db: Database, cohortId: string, cluster: number | null, offset: number, limit: number, audit: AuditInput): { total: number; members: CohortMember[] } {
  if (!db.prepare('SELECT 1 FROM analytics_cohorts WHERE id = ?').get([cohortId])) throw new StoreError('NOT_FOUND');
  const where = 'm.cohort_id = $cohortId AND ($cluster IS NULL OR m.cluster = $cluster)';
  const total = Number(db.prepare(`SELECT count(*) FROM analytics_cohort_members m WHERE ${where}`, { pluck: true }).get({ cohortId, cluster }));
  const members = db
    .prepare(
      `SELECT p.id, p.mrn, p.full_name, p.sex, p.birth_date, m.cluster FROM analytics_cohort_members m
       JOIN patients p ON p.id = m.patient_id WHERE ${where} ORDER BY m.cluster, p.mrn LIMIT $limit OFFSET $offset`,
    )
    .all<MemberRow>({ cohortId, cluster, limit, offset })
    .map(toMember);
  appendAudit(db, { ...audit, entityType: 'cohort', entityId: cohortId, detail: `members listed: ${members.length}${cluster === null ? '' : ` of cluster ${cluster}`}` });
  return { total, members };
}

/** Summaries of given patients in the given order (an unsaved job's cluster), audited as one read of the list. */
export function patientList(db: Database, patientIds: readonly string[], clusters: readonly number[], audit: AuditInput): CohortMember[] {
  const get = db.prepare('SELECT id, mrn, full_name, sex, birth_date, 0 AS cluster FROM patients WHERE id = ?');
  const members = patientIds.flatMap((id, i) => {
    const row = get.get<MemberRow>([id]);
    return row ? [toMember({ ...row, cluster: clusters[i]! })] : [];
  });
  appendAudit(db, { ...audit, entityType: 'cohort', detail: `members listed: ${members.length}` });
  return members;
}

export function deleteCohort(db: Database, cohortId: string, audit: AuditInput): boolean {
  db.prepare('DELETE FROM analytics_cohort_members WHERE cohort_id = ?').run([cohortId]);
  const deleted = db.prepare('DELETE FROM analytics_cohorts WHERE id = ?').run([cohortId]).changes > 0;
  if (deleted) appendAudit(db, { ...audit, entityType: 'cohort', entityId: cohortId });
  return deleted;
}
