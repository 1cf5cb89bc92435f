import { Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../preload/contract/audit.ts';
import { rowTestId } from '../rowTestId.ts';
import { auditActionLabel } from './auditActions.ts';

export interface Page {
  current: number;
  pageSize: number;
}

const OUTCOME_COLORS: Record<AuditEntry['outcome'], string> = { success: 'success', failure: 'warning', denied: 'error' };

interface Props {
  entries: readonly AuditEntry[];
  total: number;
  loading: boolean;
  page: Page;
  onPageChange: (page: Page) => void;
}

/** One page of entries as main sorted them (newest first); paging asks main for the next page. */
export function AuditTable({ entries, total, loading, page, onPageChange }: Props) {
  const { t } = useTranslation();
  const none = t('admin.audit.nobody');
  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('admin.audit.time'), width: 170, render: (_, entry) => dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss') },
    { key: 'user', title: t('admin.audit.user'), render: (_, entry) => entry.username ?? none },
    { key: 'role', title: t('admin.audit.role'), render: (_, entry) => (entry.role ? t(`roles.${entry.role}`) : none) },
    {
      key: 'action',
      title: t('admin.audit.action'),
      render: (_, entry) => (
        <Space size={4} wrap>
          {auditActionLabel(t, entry.action)}
          {entry.breakGlass && (
            <Tag color="red" data-testid={`audit-breakglass-${entry.seq}`}>
              {t('admin.audit.breakGlass')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'entity', title: t('admin.audit.entity'), render: (_, entry) => [entry.entityType, entry.entityId].filter(Boolean).join(' ') || none },
    { key: 'patient', title: t('admin.audit.patient'), render: (_, entry) => entry.patientId ?? none },
    {
      key: 'outcome',
      title: t('admin.audit.outcome'),
      render: (_, entry) => <Tag color={OUTCOME_COLORS[entry.outcome]}>{t(`admin.audit.outcomes.${entry.outcome}`)}</Tag>,
    },
  ];
  return (
    <div data-testid="audit-table">
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={entries}
        loading={loading}
        onRow={(entry) => rowTestId(`audit-row-${entry.seq}`)}
        pagination={{
          ...page,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (count) => t('admin.audit.total', { total: count }),
          onChange: (current, pageSize) => onPageChange({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
    </div>
  );
}
