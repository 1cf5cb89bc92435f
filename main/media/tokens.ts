import { randomBytes } from 'node:crypto';
import type { Role } from '../../preload/contract/roles.ts';
import type { Session, SessionRegistry } from '../platform/sessions.ts';

export const MEDIA_TOKEN_TTL_MS = 10 * 60_000;
/** Beyond this, the oldest tokens go first: a window that asks in a loop cannot grow the table. */
const MAX_TOKENS = 1_000;

interface Grant {
  connectionId: string;
  sessionId: string;
  role: Role;
  expiresAt: number;
}

/**
 * Short-lived opaque tokens for `/media/` URLs (an `<img>` or `fetch` cannot carry the IPC session).
 * A token stands for the session that asked for it: it stops working when that session ends, is
 * locked, or its time is up, and it grants only that session's role.
 */
export class MediaTokens {
  readonly #sessions: SessionRegistry;
  readonly #now: () => number;
  readonly #grants = new Map<string, Grant>();

  constructor(options: { sessions: SessionRegistry; now?: () => number }) {
    this.#sessions = options.sessions;
    this.#now = options.now ?? Date.now;
  }

  issue(session: Session): { token: string; expiresAt: number } {
    this.#prune();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.#now() + MEDIA_TOKEN_TTL_MS;
    this.#grants.set(token, { connectionId: session.connectionId, sessionId: session.id, role: session.role, expiresAt });
    if (this.#grants.size > MAX_TOKENS) this.#grants.delete(this.#grants.keys().next().value!);
    return { token, expiresAt };
  }

  /** The live, unlocked session a token stands for, or null. */
  resolve(token: string): Session | null {
    const grant = this.#grants.get(token);
    if (!grant) return null;
    if (grant.expiresAt <= this.#now()) {
      this.#grants.delete(token);
      return null;
    }
    const session = this.#sessions.get(grant.connectionId);
    if (!session || session.id !== grant.sessionId || session.role !== grant.role || session.state !== 'active') return null;
    return session;
  }

  #prune(): void {
    const now = this.#now();
    for (const [token, grant] of this.#grants) if (grant.expiresAt <= now) this.#grants.delete(token);
  }
}
