import type { AuditAction } from '../../preload/contract/audit.ts';
import type { Role } from '../../preload/contract/roles.ts';
import type { Vault } from '../accounts/vault.ts';
import type { Logger } from '../platform/logger.ts';
import type { Session } from '../platform/sessions.ts';
import type { AuditInput } from './queries.node.ts';

/** Who did something, as the audit trail records it (copied, so it outlives account changes). */
export interface Actor {
  userId: string | null;
  username: string | null;
  role: Role | null;
  breakGlass: boolean;
}

export const NO_ACTOR: Actor = { userId: null, username: null, role: null, breakGlass: false };

export function actorOf(session: Session | null, now = Date.now()): Actor {
  if (!session) return NO_ACTOR;
  return { userId: session.userId, username: session.username, role: session.role, breakGlass: (session.breakGlassUntil ?? 0) > now };
}

export interface AuditFields {
  outcome?: AuditInput['outcome'];
  entityType?: string;
  entityId?: string;
  patientId?: string;
  detail?: string;
}

export function auditEntry(actor: Actor, action: AuditAction, fields: AuditFields = {}, at = Date.now()): AuditInput {
  return {
    at,
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    action,
    entityType: fields.entityType ?? null,
    entityId: fields.entityId ?? null,
    patientId: fields.patientId ?? null,
    outcome: fields.outcome ?? 'success',
    breakGlass: actor.breakGlass,
    detail: fields.detail ?? null,
  };
}

/** Events before the store is open (failed sign-ins) wait in memory, at most this many. */
const MAX_PENDING = 1_000;

/**
 * Records events that are not part of a data change (sign-ins, locks). Data
 * changes append their entry inside their own transaction instead
 * (audit/queries.node.ts `appendAudit`).
 */
export class AuditLog {
  readonly #vault: Vault;
  readonly #logger: Logger;
  #pending: AuditInput[] = [];

  constructor(vault: Vault, logger: Logger) {
    this.#vault = vault;
    this.#logger = logger;
  }

  async record(entry: AuditInput): Promise<void> {
    if (this.#pending.length < MAX_PENDING) this.#pending.push(entry);
    else this.#logger.warn('audit-pending-full', { action: entry.action });
    await this.flush();
  }

  /** Writes what waited for the store, oldest first; called again once the store opens. */
  async flush(): Promise<void> {
    if (!this.#vault.isOpen || this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      await this.#vault.store.methods.audit.append(batch);
    } catch (error) {
      this.#pending = [...batch, ...this.#pending].slice(0, MAX_PENDING);
      this.#logger.error('audit-append-failed', error, { entries: batch.length });
    }
  }
}
