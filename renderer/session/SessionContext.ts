import { createContext, useContext } from 'react';
import type { Role } from '../../preload/contract/roles.ts';
import type { SessionView, UserView } from '../../preload/contract/session.ts';

/** The signed-in, unlocked session; only the frame and sections (rendered while active) see it. */
export interface ActiveSession {
  readonly user: UserView;
  readonly role: Role;
  readonly clinicName: string | null;
  /** Epoch ms until which emergency access is in force, or null. */
  readonly breakGlassUntil: number | null;
  /** Takes the session view a call returned (lock, sign-out, emergency access) at once, ahead of main's event. */
  readonly update: (view: SessionView) => void;
}

export const SessionContext = createContext<ActiveSession | null>(null);

export function useSession(): ActiveSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs an active session (SessionGate) above it.');
  return session;
}
