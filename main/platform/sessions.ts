import { randomUUID } from 'node:crypto';
import type { Role } from '../../preload/contract/index.ts';
import type { EventHub } from './events.ts';

/** Who is at a window. The renderer never holds this; main looks it up by connection. */
export interface Session {
  readonly id: string;
  readonly connectionId: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly startedAt: number;
  state: 'active' | 'locked';
  lastActivityAt: number;
  /** Set while emergency (break-glass) access is in force; the reason is in the audit trail. */
  breakGlassUntil: number | null;
}

export type NewSession = Pick<Session, 'userId' | 'username' | 'displayName' | 'role'>;

/**
 * Sessions by connection, and the idle lock: a session with no user activity
 * for the policy's minutes is locked, which hides every patient screen until
 * the same user unlocks it.
 */
export class SessionRegistry {
  readonly #byConnection = new Map<string, Session>();
  readonly #events: EventHub;
  readonly #now: () => number;
  readonly #idleListeners = new Set<(session: Session) => void>();
  #idleLockMs: number;

  constructor(options: { events: EventHub; idleLockMinutes: number; now?: () => number }) {
    this.#events = options.events;
    this.#idleLockMs = options.idleLockMinutes * 60_000;
    this.#now = options.now ?? Date.now;
  }

  setIdleLockMinutes(minutes: number): void {
    this.#idleLockMs = minutes * 60_000;
  }

  get(connectionId: string): Session | null {
    const session = this.#byConnection.get(connectionId) ?? null;
    if (session) this.#lockIfIdle(session);
    return session;
  }

  all(): Session[] {
    return [...this.#byConnection.values()];
  }

  start(connectionId: string, user: NewSession): Session {
    const now = this.#now();
    const session: Session = { ...user, id: randomUUID(), connectionId, startedAt: now, state: 'active', lastActivityAt: now, breakGlassUntil: null };
    this.#byConnection.set(connectionId, session);
    this.#events.emit('session.changed', { state: 'active' }, { connectionId });
    return session;
  }

  end(connectionId: string): Session | null {
    const session = this.#byConnection.get(connectionId) ?? null;
    this.#byConnection.delete(connectionId);
    if (session) this.#events.emit('session.changed', { state: 'signedOut' }, { connectionId });
    return session;
  }

  /** Signs out every session of a user (account disabled, password reset). */
  endAllFor(userId: string): void {
    for (const session of this.all()) if (session.userId === userId) this.end(session.connectionId);
  }

  touch(session: Session): void {
    if (session.state === 'active') session.lastActivityAt = this.#now();
  }

  lock(session: Session): void {
    if (session.state === 'locked') return;
    session.state = 'locked';
    this.#events.emit('session.changed', { state: 'locked' }, { connectionId: session.connectionId });
  }

  unlock(session: Session): void {
    session.state = 'active';
    session.lastActivityAt = this.#now();
    this.#events.emit('session.changed', { state: 'active' }, { connectionId: session.connectionId });
  }

  /** Called for every lock the idle timer makes (the audit trail records them). */
  onIdleLock(listener: (session: Session) => void): () => void {
    this.#idleListeners.add(listener);
    return () => this.#idleListeners.delete(listener);
  }

  /** Locks every idle session; services run this on a timer so a lock happens even with no calls. */
  sweep(): Session[] {
    return this.all().filter((session) => this.#lockIfIdle(session));
  }

  #lockIfIdle(session: Session): boolean {
    if (session.state !== 'active' || this.#now() - session.lastActivityAt < this.#idleLockMs) return false;
    this.lock(session);
    for (const listener of this.#idleListeners) listener(session);
    return true;
  }
}
