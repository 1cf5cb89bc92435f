import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditAction } from '../../../preload/contract/audit.ts';
import { AUDIT_ACTIONS, auditActionLabel } from './auditActions.ts';

interface Props {
  id: string;
  value: AuditAction | undefined;
  onChange: (action: AuditAction | undefined) => void;
}

/** Audit actions by their translated names; each option is `audit-filter-action-option-<action>` for the end-to-end tests. */
export function ActionSelect({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Select<AuditAction>
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 200 }}
      // Every option in the DOM, not only those scrolled into view, so each is reachable by test id.
      virtual={false}
      value={value}
      onChange={(action) => onChange(action ?? undefined)}
      options={AUDIT_ACTIONS.map((action) => ({ value: action, label: auditActionLabel(t, action) }))}
      optionRender={(option) => <span data-testid={`audit-filter-action-option-${String(option.value)}`}>{option.label}</span>}
      data-testid="audit-filter-action"
    />
  );
}
