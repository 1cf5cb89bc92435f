import type Database from '@signalapp/sqlcipher';
import type { CdsAdvice, CdsCard, CdsCardEntry, CdsHook } from '../../../preload/contract/analytics.ts';
import { appendAudit, type AuditInput } from '../../audit/queries.node.ts';
import { uuidv7 } from '../../store/ids.ts';
import { credentialName } from './servers.node.ts';

/** Consecutive failures that open a server's circuit, and for how long it stays open. */
const BREAKER_THRESHOLD = 3;
const BREAKER_OPEN_MS = 60_000;
/** After this many attempts a request is given up (it stays listed, failed). */
const MAX_ATTEMPTS = 8;

export interface QueuedCall {
  serverId: string;
  serviceId: string;
  hook: CdsHook;
  /** The de-identified request body exactly as it will be sent. */
  body: unknown;
}

/** Queues calls (their chart read was audited by the caller); returns how many were queued. */
export function enqueueCalls(db: Database, patientId: string, calls: readonly QueuedCall[], at: number, userId: string | null): number {
  const insert = db.prepare(
    `INSERT INTO cds_requests (id, server_id, service_id, hook, patient_id, body, status, next_attempt_at, created_by_user_id, created_at)
     VALUES ($id, $server, $service, $hook, $patient, $body, 'pending', $at, $user, $at)`,
  );
  for (const call of calls) {
    insert.run({ id: uuidv7(at), server: call.serverId, service: call.serviceId, hook: call.hook, patient: patientId, body: JSON.stringify(call.body), at, user: userId });
  }
  return calls.length;
}

/** A request ready to go, with its server's connection details. */
export interface DueCall {
  id: string;
  serviceId: string;
  serverId: string;
  baseUrl: string;
  timeoutMs: number;
  credential: string | null;
  body: string;
  attempts: number;
}

/**
 * Pending requests due by `dueBy` (normally now; "Sync now" passes a later
 * time so waiting retries go at once), oldest first, from servers whose
 * circuit is closed at `now`; a server whose open period has passed is
 * half-open and gets one trial request.
 */
export function dueCalls(db: Database, now: number, dueBy: number, limit: number): DueCall[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.service_id, r.server_id, r.body, r.attempts, s.base_url, s.timeout_ms, s.open_until
       FROM cds_requests r JOIN cds_servers s ON s.id = r.server_id
       WHERE r.status = 'pending' AND r.next_attempt_at <= $dueBy AND s.enabled = 1 AND (s.open_until IS NULL OR s.open_until <= $now)
       ORDER BY r.next_attempt_at, r.created_at LIMIT $limit`,
    )
    .all<{ id: string; service_id: string; server_id: string; body: string; attempts: number; base_url: string; timeout_ms: number; open_until: number | null }>({ now, dueBy, limit });
  const halfOpenTried = new Set<string>();
  const secret = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true });
  return rows.flatMap((row) => {
    if (row.open_until !== null) {
      if (halfOpenTried.has(row.server_id)) return [];
      halfOpenTried.add(row.server_id);
    }
    const value = secret.get([credentialName(row.server_id)]);
    return [
      {
        id: row.id,
        serviceId: row.service_id,
        serverId: row.server_id,
        baseUrl: row.base_url,
        timeoutMs: row.timeout_ms,
        credential: value instanceof Uint8Array ? new TextDecoder().decode(value) : null,
        body: row.body,
        attempts: row.attempts,
      },
    ];
  });
}

/** When the next pending request can go (its retry time, or its server's circuit closing); null: none pending. */
export function nextDueAt(db: Database): number | null {
  const at = db
    .prepare(
      `SELECT min(max(r.next_attempt_at, coalesce(s.open_until, 0))) FROM cds_requests r JOIN cds_servers s ON s.id = r.server_id
       WHERE r.status = 'pending' AND s.enabled = 1`,
      { pluck: true },
    )
    .get();
  return typeof at === 'number' ? at : null;
}

/** Whether any request waits to go out (main starts the worker for them). */
export function hasPendingCalls(db: Database): boolean {
  return db.prepare("SELECT 1 FROM cds_requests r JOIN cds_servers s ON s.id = r.server_id WHERE r.status = 'pending' AND s.enabled = 1 LIMIT 1").get() !== undefined;
}

/** Requests held back by an open circuit show why. */
export function markCircuitOpen(db: Database, now: number): void {
  db.prepare(
    `UPDATE cds_requests SET last_error = 'circuit-open' WHERE status = 'pending' AND next_attempt_at <= $now
     AND server_id IN (SELECT id FROM cds_servers WHERE open_until > $now)`,
  ).run({ now });
}

export function callSucceeded(db: Database, call: { id: string; serverId: string }, cards: readonly CdsCard[], now: number): void {
  const request = db.prepare('SELECT patient_id, service_id FROM cds_requests WHERE id = ?').get<{ patient_id: string; service_id: string }>([call.id]);
  if (!request) return;
  db.prepare("UPDATE cds_requests SET status = 'done', attempts = attempts + 1, last_error = NULL, completed_at = ? WHERE id = ?").run([now, call.id]);
  db.prepare('UPDATE cds_servers SET failures = 0, open_until = NULL WHERE id = ?').run([call.serverId]);
  const insert = db.prepare('INSERT INTO cds_cards (id, request_id, patient_id, server_id, service_id, card, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const card of cards) insert.run([uuidv7(now), call.id, request.patient_id, call.serverId, request.service_id, JSON.stringify(card), now]);
}

/**
 * A failed attempt: retried after `retryAt` (null: permanent, the request
 * fails now), and counted against the server's circuit breaker.
 */
export function callFailed(db: Database, call: { id: string; serverId: string }, error: string, retryAt: number | null, now: number): void {
  const attempts = Number(db.prepare('SELECT attempts FROM cds_requests WHERE id = ?', { pluck: true }).get([call.id]) ?? 0) + 1;
  const giveUp = retryAt === null || attempts >= MAX_ATTEMPTS;
  db.prepare('UPDATE cds_requests SET attempts = ?, last_error = ?, status = ?, next_attempt_at = ?, completed_at = ? WHERE id = ?').run([
    attempts,
    giveUp && retryAt !== null ? 'gave-up' : error,
    giveUp ? 'failed' : 'pending',
    retryAt ?? now,
    giveUp ? now : null,
    call.id,
  ]);
  db.prepare('UPDATE cds_servers SET failures = failures + 1 WHERE id = ?').run([call.serverId]);
  const failures = Number(db.prepare('SELECT failures FROM cds_servers WHERE id = ?', { pluck: true }).get([call.serverId]) ?? 0);
  if (failures >= BREAKER_THRESHOLD) db.prepare('UPDATE cds_servers SET open_until = ? WHERE id = ?').run([now + BREAKER_OPEN_MS, call.serverId]);
}

type CardRow = {
  id: string;
  server_name: string;
  service_id: string;
  received_at: number;
  status: CdsCardEntry['status'];
  decided_by_name: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  card: string;
};

const CARD_SELECT = `SELECT c.id, coalesce(s.name, c.server_id) AS server_name, c.service_id, c.received_at, c.status, c.decided_by_name, c.decided_at, c.decision_reason, c.card
  FROM cds_cards c LEFT JOIN cds_servers s ON s.id = c.server_id`;

const toCard = (row: CardRow): CdsCardEntry => ({
  id: row.id,
  serverName: row.server_name,
  serviceId: row.service_id,
  receivedAt: row.received_at,
  status: row.status,
  decidedByName: row.decided_by_name,
  decidedAt: row.decided_at,
  decisionReason: row.decision_reason,
  card: JSON.parse(row.card) as CdsCard,
});

export function getCard(db: Database, cardId: string): (CdsCardEntry & { patientId: string }) | null {
  const row = db.prepare(`${CARD_SELECT.replace('SELECT c.id', 'SELECT c.patient_id, c.id')} WHERE c.id = ?`).get<CardRow & { patient_id: string }>([cardId]);
  return row ? { ...toCard(row), patientId: row.patient_id } : null;
}

/** A patient's CDS requests, newest first, with their status. */
export function requestsOf(db: Database, patientId: string): CdsAdvice['requests'] {
  return db
    .prepare(
      `SELECT r.id, coalesce(s.name, r.server_id) AS server_name, r.service_id, r.hook, r.status, r.attempts, r.last_error, r.next_attempt_at, r.created_at, r.completed_at
       FROM cds_requests r LEFT JOIN cds_servers s ON s.id = r.server_id WHERE r.patient_id = ? ORDER BY r.created_at DESC LIMIT 50`,
    )
    .all<{ id: string; server_name: string; service_id: string; hook: CdsHook; status: 'pending' | 'done' | 'failed'; attempts: number; last_error: string | null; next_attempt_at: number; created_at: number; completed_at: number | null }>([patientId])
    .map((row) => ({
      id: row.id,
      serverName: row.server_name,
      serviceId: row.service_id,
      hook: row.hook,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      createdAt: row.created_at,
      completedAt: row.completed_at,
    }));
}

/** A patient's CDS requests and cards, newest first; the read is audited as part of the chart. */
export function adviceFor(db: Database, patientId: string, audit: AuditInput | null): CdsAdvice {
  const requests = requestsOf(db, patientId);
  const cards = db.prepare(`${CARD_SELECT} WHERE c.patient_id = ? ORDER BY c.received_at DESC, c.id LIMIT 100`).all<CardRow>([patientId]).map(toCard);
  if (audit) appendAudit(db, { ...audit, entityType: 'cds-advice', entityId: patientId, patientId });
  return { requests, cards };
}

/** Accept (keeping the suggestion's resources as drafts for review) or dismiss a card, audited. */
export function decideCard(
  db: Database,
  cardId: string,
  decision: { kind: 'accept'; suggestion: number | null; drafts: ReadonlyArray<{ resourceType: string; resource: unknown }> } | { kind: 'dismiss'; reason: string },
  decidedByName: string,
  audit: AuditInput,
): CdsCardEntry | null {
  const card = getCard(db, cardId);
  if (!card) return null;
  db.prepare('UPDATE cds_cards SET status = ?, decided_by_user_id = ?, decided_by_name = ?, decided_at = ?, decision_reason = ?, accepted_suggestion = ? WHERE id = ?').run([
    decision.kind === 'accept' ? 'accepted' : 'dismissed',
    audit.userId,
    decidedByName,
    audit.at,
    decision.kind === 'dismiss' ? decision.reason : null,
    decision.kind === 'accept' ? decision.suggestion : null,
    cardId,
  ]);
  if (decision.kind === 'accept') {
    const insert = db.prepare('INSERT INTO cds_drafts (id, card_id, patient_id, resource_type, resource, created_by_user_id, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const draft of decision.drafts) insert.run([uuidv7(audit.at), cardId, card.patientId, draft.resourceType, JSON.stringify(draft.resource), audit.userId, decidedByName, audit.at]);
  }
  appendAudit(db, {
    ...audit,
    entityType: 'cds-card',
    entityId: cardId,
    patientId: card.patientId,
    detail: decision.kind === 'accept' ? `accepted; ${decision.drafts.length} draft(s)` : 'dismissed',
  });
  return getCard(db, cardId);
}
