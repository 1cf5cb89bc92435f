import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../preload/contract/audit.ts';
import { useCall } from '../../platform/useCall.ts';
import { ActionSelect } from './ActionSelect.tsx';

/** Drops cleared filters, so the request carries only those in force. */
function compact(filter: AuditFilter): AuditFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== '')) as AuditFilter;
}

/** Filters apply as they change; the patient ID applies on Enter or the search button, not on every keystroke. */
export function AuditFilters({ value, onChange }: { value: AuditFilter; onChange: (next: AuditFilter) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { value: accounts } = useCall('accounts.list', {});
  const [patientText, setPatientText] = useState(value.patientId ?? '');
  const set = (patch: Partial<AuditFilter>) => onChange(compact({ ...value, ...patch }));
  const applyPatient = (text: string) => set({ patientId: text.trim() || undefined });

  const setDates = (dates: [Dayjs | null, Dayjs | null] | null) =>
    set({ from: dates?.[0]?.startOf('day').valueOf(), to: dates?.[1]?.endOf('day').valueOf() });

  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <Form.Item label={t('admin.audit.filterUser')} htmlFor={`${id}-user`}>
        <Select<string>
          id={`${id}-user`}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          value={value.userId}
          onChange={(userId) => set({ userId })}
          options={(accounts ?? []).map((account) => ({ value: account.id, label: `${account.displayName} (${account.username})` }))}
          data-testid="audit-filter-user"
        />
      </Form.Item>
      <Form.Item label={t('admin.audit.filterPatient')} htmlFor={`${id}-patient`}>
        <Space.Compact>
          <Input
            id={`${id}-patient`}
            allowClear
            maxLength={64}
            style={{ width: 180 }}
            value={patientText}
            onChange={(event) => {
              setPatientText(event.target.value);
              if (!event.target.value) applyPatient(''); // cleared: show every patient again at once
            }}
            onPressEnter={() => applyPatient(patientText)}
            data-testid="audit-filter-patient"
          />
          <Button icon={<SearchOutlined aria-hidden />} aria-label={t('admin.audit.search')} onClick={() => applyPatient(patientText)} />
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('admin.audit.filterAction')} htmlFor={`${id}-action`}>
        <ActionSelect id={`${id}-action`} value={value.action} onChange={(action) => set({ action })} />
      </Form.Item>
      <Form.Item label={t('admin.audit.filterDates')} htmlFor={`${id}-dates`}>
        <DatePicker.RangePicker id={`${id}-dates`} allowEmpty={[true, true]} onChange={setDates} data-testid="audit-filter-dates" />
      </Form.Item>
    </Form>
  );
}
