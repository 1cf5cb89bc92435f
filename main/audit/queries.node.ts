import type Database from '@signalapp/sqlcipher';
import type { AuditEntry, AuditFilter } from '../../preload/contract/audit.ts';
import type { QueryModule } from '../store/interface.ts';
import { AuditChainVerifier, GENESIS_HASH, hashAuditRecord, type AuditRecord, type ChainedAuditRecord, type ChainProblem } from './chain.ts';

/** What a caller supplies; seq and hashes are assigned in the transaction that appends. */
export type AuditInput = Omit<AuditRecord, 'seq'>;

type AuditRow = {
  seq: number;
  at: number;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  outcome: AuditRecord['outcome'];
  break_glass: number;
  detail: string | null;
  prev_hash: string;
  hash: string;
};

const INSERT = `INSERT INTO audit (seq, at, user_id, username, role, action, entity_type, entity_id, patient_id, outcome, break_glass, detail, prev_hash, hash)
  VALUES ($seq, $at, $userId, $username, $role, $action, $entityType, $entityId, $patientId, $outcome, $breakGlass, $detail, $prevHash, $hash)`;

/**
 * Appends to the chain inside the caller's transaction, so a change and its
 * audit entry commit together. Other capabilities' queries call this directly.
 */
export function appendAudit(db: Database, input: AuditInput): number {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get<{ seq: number; hash: string }>();
  const record: AuditRecord = { ...input, seq: (head?.seq ?? 0) + 1 };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = hashAuditRecord(record, prevHash);
  db.prepare(INSERT).run({ ...record, breakGlass: record.breakGlass ? 1 : 0, prevHash, hash });
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, $seq, $hash) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run({
    seq: record.seq,
    hash,
  });
  return record.seq;
}

function where(filter: AuditFilter): { sql: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.userId !== undefined) (clauses.push('user_id = $userId'), (params.userId = filter.userId));
  if (filter.patientId !== undefined) (clauses.push('patient_id = $patientId'), (params.patientId = filter.patientId));
  if (filter.action !== undefined) (clauses.push('action = $action'), (params.action = filter.action));
  if (filter.from !== undefined) (clauses.push('at >= $from'), (params.from = filter.from));
  if (filter.to !== undefined) (clauses.push('at <= $to'), (params.to = filter.to));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    role: row.role as AuditEntry['role'],
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    patientId: row.patient_id,
    outcome: row.outcome,
    breakGlass: row.break_glass === 1,
    detail: row.detail,
  };
}

function toChained(row: AuditRow): ChainedAuditRecord {
  return { ...toEntry(row), outcome: row.outcome, prevHash: row.prev_hash, hash: row.hash };
}

/** Verification reads the trail in pages so a long history never sits in memory at once. */
const VERIFY_PAGE = 5_000;
/** An export larger than this is refused; narrow the filter. */
export const AUDIT_EXPORT_LIMIT = 200_000;

export const auditQueries = {
  append(db: Database, entries: readonly AuditInput[]): number {
    let seq = 0;
    for (const entry of entries) seq = appendAudit(db, entry);
    return seq;
  },

  query(db: Database, filter: AuditFilter, limit: number, offset: number): { total: number; entries: AuditEntry[] } {
    const { sql, params } = where(filter);
    // The library refuses named parameters a statement does not use.
    const total = db.prepare(`SELECT count(*) FROM audit ${sql}`, { pluck: true }).get(sql ? params : undefined) as number;
    const rows = db.prepare(`SELECT * FROM audit ${sql} ORDER BY seq DESC LIMIT $limit OFFSET $offset`).all<AuditRow>({ ...params, limit, offset });
    return { total, entries: rows.map(toEntry) };
  },

  /** Oldest first, as a CSV reads; null when the filter matches more than the export limit. */
  export(db: Database, filter: AuditFilter): AuditEntry[] | null {
    const { sql, params } = where(filter);
    const rows = db.prepare(`SELECT * FROM audit ${sql} ORDER BY seq LIMIT $limit`).all<AuditRow>({ ...params, limit: AUDIT_EXPORT_LIMIT + 1 });
    return rows.length > AUDIT_EXPORT_LIMIT ? null : rows.map(toEntry);
  },

  verify(db: Database): { ok: boolean; rows: number; problem: ChainProblem | null } {
    const verifier = new AuditChainVerifier();
    const page = db.prepare('SELECT * FROM audit WHERE seq > $after ORDER BY seq LIMIT $limit');
    let after = 0;
    for (;;) {
      const rows = page.all<AuditRow>({ after, limit: VERIFY_PAGE });
      for (const row of rows) if (!verifier.add(toChained(row))) return verifier.finish(null);
      if (rows.length < VERIFY_PAGE) break;
      after = rows.at(-1)!.seq;
    }
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get<{ seq: number; hash: string }>() ?? null;
    return verifier.finish(head);
  },
} satisfies QueryModule;
