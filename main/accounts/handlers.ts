import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { SessionRegistry } from '../platform/sessions.ts';
import type { AccountService } from './service.ts';

type SessionChannels =
  | 'setup.initialize'
  | 'setup.confirmRecoveryKey'
  | 'session.get'
  | 'session.login'
  | 'session.logout'
  | 'session.lock'
  | 'session.unlock'
  | 'session.changePassword'
  | 'session.breakGlass'
  | 'session.recoverAccount'
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.update'
  | 'accounts.resetPassword';

export function accountHandlers(accounts: AccountService, sessions: SessionRegistry): Pick<Handlers, SessionChannels> {
  return {
    'setup.initialize': (request) => accounts.initialize(request),
    'setup.confirmRecoveryKey': async ({ recoveryKey }) => {
      await accounts.confirmRecoveryKey(recoveryKey);
      return { confirmed: true };
    },
    'session.get': (_request, { caller }) => accounts.view(sessions.get(caller.connectionId)),
    'session.login': ({ username, password }, { caller }) => accounts.login(caller.connectionId, username, password),
    'session.logout': (_request, context) => accounts.logout(signedIn(context)),
    'session.lock': (_request, context) => accounts.lock(signedIn(context)),
    'session.unlock': ({ password }, context) => accounts.unlock(signedIn(context), password),
    'session.changePassword': async ({ currentPassword, newPassword }, context) => {
      await accounts.changePassword(signedIn(context), currentPassword, newPassword);
      return { changed: true };
    },
    'session.breakGlass': ({ reason }, context) => accounts.breakGlass(signedIn(context), reason),
    'session.recoverAccount': async ({ recoveryKey, username, newPassword }) => {
      await accounts.recoverAccount(recoveryKey, username, newPassword);
      return { reset: true };
    },
    'accounts.list': () => accounts.listAccounts(),
    'accounts.create': (request, context) => accounts.createAccount(signedIn(context), request),
    'accounts.update': ({ userId, ...patch }, context) => accounts.updateAccount(signedIn(context), userId, patch),
    'accounts.resetPassword': ({ userId, newPassword }, context) => accounts.resetPassword(signedIn(context), userId, newPassword),
  };
}
