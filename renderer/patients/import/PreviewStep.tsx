import { Alert, Button, Checkbox, Flex, Popconfirm, Segmented, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportRow, ImportRowStatus } from '../../../preload/contract/patient-import.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { issueText } from './importFields.ts';

const STATUS_COLORS: Record<ImportRowStatus, string> = { ready: 'green', invalid: 'red', duplicate: 'orange', taken: 'volcano' };
const FILTERS = ['all', 'problems', 'duplicate', 'ready'] as const;
type Filter = (typeof FILTERS)[number];

const matches = (filter: Filter, row: ImportRow) =>
  filter === 'all' || (filter === 'problems' ? row.status === 'invalid' || row.status === 'taken' || row.warnings.length > 0 : row.status === filter);

interface Props {
  preview: ImportPreview;
  /** Rows flagged as likely duplicates that the user chose to import anyway. */
  anyway: ReadonlySet<number>;
  onAnyway: (rows: ReadonlySet<number>) => void;
  onCommit: () => void;
  committing: boolean;
  onBack: () => void;
}

/**
 * Every row as the import would treat it: ready, invalid (with each problem on
 * its field), a likely duplicate (skipped unless ticked), or taken (its ID or
 * MRN is registered already). Row numbers are the file's. Test ids:
 * `import-preview-table`, rows `import-row-<row>` (with `data-status`),
 * `import-count-<status>`, `import-anyway-<row>`, `import-commit`, `import-commit-confirm`.
 */
export function PreviewStep({ preview, anyway, onAnyway, onCommit, committing, onBack }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>(preview.counts.invalid + preview.counts.taken > 0 ? 'problems' : 'all');
  const importing = preview.counts.ready + anyway.size;
  const duplicates = preview.rows.filter((row) => row.status === 'duplicate').map((row) => row.row);
  const toggle = (row: number, on: boolean) => {
    const next = new Set(anyway);
    if (on) next.add(row);
    else next.delete(row);
    onAnyway(next);
  };

  const columns: TableColumnsType<ImportRow> = [
    {
      key: 'row',
      title: t('patientImport.preview.row'),
      width: 90,
      render: (_, r) => (r.line === r.row ? r.row : t('patientImport.preview.rowLine', { row: r.row, line: r.line })),
    },
    { key: 'name', title: t('patientImport.fields.fullName'), ellipsis: true, render: (_, r) => r.fullName || '—' },
    { key: 'birthDate', title: t('patientImport.fields.birthDate'), width: 120, render: (_, r) => r.birthDate || '—' },
    { key: 'status', title: t('patientImport.preview.status'), width: 110, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`patientImport.statuses.${r.status}`)}</Tag> },
    {
      key: 'problems',
      title: t('patientImport.preview.problems'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          {r.issues.map((issue, i) => (
            <Typography.Text key={`i${i}`} type="danger" data-testid="import-issue">
              {issueText(t, issue)}
            </Typography.Text>
          ))}
          {r.warnings.map((issue, i) => (
            <Typography.Text key={`w${i}`} type="warning" data-testid="import-warning">
              {issueText(t, issue)}
            </Typography.Text>
          ))}
          {r.duplicates.map((found, i) => (
            <Typography.Text key={`d${i}`} data-testid="import-duplicate">
              {t(found.row === null ? 'patientImport.preview.matchRecord' : 'patientImport.preview.matchRow', { mrn: found.mrn, row: found.row, name: found.fullName, birthDate: found.birthDate })}
              {' · '}
              {found.reasons.map((reason) => t(`patientImport.reasons.${reason}`)).join('、')}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'anyway',
      title: t('patientImport.preview.importAnyway'),
      width: 120,
      render: (_, r) =>
        r.status === 'duplicate' && (
          <Checkbox checked={anyway.has(r.row)} onChange={(event) => toggle(r.row, event.target.checked)} data-testid={`import-anyway-${r.row}`}>
            {t('patientImport.preview.import')}
          </Checkbox>
        ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex gap="large" wrap aria-live="polite">
        <Statistic title={t('patientImport.preview.total')} value={preview.counts.total} data-testid="import-count-total" />
        {(['ready', 'duplicate', 'invalid', 'taken'] as const).map((status) => (
          <Statistic key={status} title={t(`patientImport.statuses.${status}`)} value={preview.counts[status]} data-testid={`import-count-${status}`} />
        ))}
      </Flex>
      {preview.counts.warnings > 0 && <Alert type="warning" showIcon title={t('patientImport.preview.formulaWarning', { n: preview.counts.warnings })} data-testid="import-formula-warning" />}
      <Flex justify="space-between" wrap gap="small">
        <Segmented<Filter> value={filter} onChange={setFilter} options={FILTERS.map((value) => ({ value, label: t(`patientImport.preview.filters.${value}`) }))} data-testid="import-filter" />
        {duplicates.length > 0 && (
          <Space>
            <Button size="small" onClick={() => onAnyway(new Set(duplicates))}>
              {t('patientImport.preview.importAllDuplicates')}
            </Button>
            <Button size="small" onClick={() => onAnyway(new Set())}>
              {t('patientImport.preview.skipAllDuplicates')}
            </Button>
          </Space>
        )}
      </Flex>
      <Table<ImportRow>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={preview.rows.filter((row) => matches(filter, row))}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => ({ ...rowTestId(`import-row-${r.row}`), 'data-status': r.status }) as ReturnType<typeof rowTestId>}
        data-testid="import-preview-table"
      />
      <Flex justify="end" gap="small">
        <Button onClick={onBack} data-testid="import-back">
          {t('patientImport.back')}
        </Button>
        <Popconfirm
          title={t('patientImport.preview.confirm', { n: importing })}
          description={t('patientImport.preview.confirmDetail')}
          okText={t('patientImport.preview.commit', { n: importing })}
          okButtonProps={{ 'data-testid': 'import-commit-confirm' } as Record<string, string>}
          onConfirm={onCommit}
          disabled={importing === 0}
        >
          <Button type="primary" disabled={importing === 0} loading={committing} data-testid="import-commit">
            {t('patientImport.preview.commit', { n: importing })}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
