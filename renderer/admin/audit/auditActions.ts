import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../../preload/contract/audit-actions.ts';
import { auditActionKey } from '../../i18n/auditActionKey.ts';

export { AUDIT_ACTIONS };

function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** An entry's action in words; an action newer than this renderer shows as recorded. */
export function auditActionLabel(t: TFunction, action: string): string {
  return isAuditAction(action) ? t(`auditActions.${auditActionKey(action)}`) : action;
}
