import type { AuditAction } from '../../preload/contract/audit.ts';

type CamelCase<S extends string> = S extends `${infer Head}.${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** i18next reads dots in keys as nesting, so `login.failed` is translated under `auditActions.loginFailed`. */
export type AuditActionKey = CamelCase<AuditAction>;

export function auditActionKey(action: AuditAction): AuditActionKey {
  return action.replace(/\.(\w)/g, (_match, letter: string) => letter.toUpperCase()) as AuditActionKey;
}
