import { createHash } from 'node:crypto';

/** The columns of an audit row that its hash covers, in a fixed order. */
export interface AuditRecord {
  seq: number;
  at: number;
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  breakGlass: boolean;
  detail: string | null;
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

/** The hash the first row points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditRecord(record: AuditRecord, prevHash: string): string {
  const canonical = JSON.stringify([
    record.seq,
    record.at,
    record.userId,
    record.username,
    record.role,
    record.action,
    record.entityType,
    record.entityId,
    record.patientId,
    record.outcome,
    record.breakGlass,
    record.detail,
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainProblem = { seq: number; kind: 'modified' | 'missing' | 'reordered' };

/**
 * Walks rows in seq order. A row whose hash does not match its own content was
 * edited; a gap in seq, or a chain head that does not match the last row, means
 * rows were deleted; a self-consistent row that does not point at its
 * predecessor was moved.
 */
export class AuditChainVerifier {
  #expectedSeq = 1;
  #prevHash = GENESIS_HASH;
  #rows = 0;
  #problem: ChainProblem | null = null;

  add(row: ChainedAuditRecord): boolean {
    if (this.#problem) return false;
    this.#rows++;
    if (hashAuditRecord(row, row.prevHash) !== row.hash) this.#problem = { seq: row.seq, kind: 'modified' };
    else if (row.seq !== this.#expectedSeq) this.#problem = { seq: this.#expectedSeq, kind: row.seq > this.#expectedSeq ? 'missing' : 'reordered' };
    else if (row.prevHash !== this.#prevHash) this.#problem = { seq: row.seq, kind: 'reordered' };
    this.#expectedSeq = row.seq + 1;
    this.#prevHash = row.hash;
    return this.#problem === null;
  }

  /** `head` is the last seq and hash recorded beside the table when the last row was written. */
  finish(head: { seq: number; hash: string } | null): { ok: boolean; rows: number; problem: ChainProblem | null } {
    if (!this.#problem && !head && this.#rows > 0) this.#problem = { seq: this.#expectedSeq - 1, kind: 'modified' };
    if (!this.#problem && head && (head.seq !== this.#expectedSeq - 1 || head.hash !== this.#prevHash)) {
      this.#problem = { seq: Math.min(head.seq, this.#expectedSeq), kind: head.seq >= this.#expectedSeq ? 'missing' : 'modified' };
    }
    return { ok: this.#problem === null, rows: this.#rows, problem: this.#problem };
  }
}
