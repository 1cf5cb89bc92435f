import { App } from 'antd';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { SessionView, UserView } from '../../preload/contract/session.ts';
import { SessionContext, type ActiveSession } from './SessionContext.ts';

interface Props {
  view: SessionView;
  user: UserView;
  update: (view: SessionView) => void;
  children: ReactNode;
}

export function ActiveSessionProvider({ view, user, update, children }: Props) {
  const { message, notification } = App.useApp();
  const value = useMemo<ActiveSession>(
    () => ({ user, role: user.role, clinicName: view.clinicName, breakGlassUntil: view.breakGlassUntil, update }),
    [user, view.clinicName, view.breakGlassUntil, update],
  );

  // Toasts live outside this subtree; they may name people, so they leave with the session (lock or sign-out).
  useEffect(
    () => () => {
      message.destroy();
      notification.destroy();
    },
    [message, notification],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}
