import { Button, Flex, Result, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../preload/contract/patient-import.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { openPatient } from '../patientRoute.ts';

type ReportRow = ImportReport['rows'][number];
const OUTCOME_COLORS: Record<ReportRow['outcome'], string> = { imported: 'green', skipped: 'orange', invalid: 'red', taken: 'volcano' };

/** What the import did with every row; imported patients open from here. Test ids: `import-report`, `import-report-<outcome>`, rows `import-report-row-<row>`, `import-again`. */
export function ReportStep({ report, onAgain }: { report: ImportReport; onAgain: () => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ReportRow> = [
    { key: 'row', title: t('patientImport.preview.row'), width: 90, dataIndex: 'row' },
    { key: 'name', title: t('patientImport.fields.fullName'), ellipsis: true, render: (_, r) => r.fullName || '—' },
    { key: 'outcome', title: t('patientImport.preview.status'), width: 140, render: (_, r) => <Tag color={OUTCOME_COLORS[r.outcome]}>{t(`patientImport.outcomes.${r.outcome}`)}</Tag> },
    {
      key: 'mrn',
      title: t('patientImport.fields.mrn'),
      render: (_, r) =>
        r.patientId && r.mrn ? (
          <Typography.Link onClick={() => openPatient(r.patientId!)} data-testid={`import-open-${r.row}`}>
            {r.mrn}
          </Typography.Link>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap="middle" data-testid="import-report">
      <Result
        status={report.imported > 0 ? 'success' : 'info'}
        title={t('patientImport.report.title', { n: report.imported })}
        subTitle={
          <Flex gap="middle" justify="center" wrap>
            {(['imported', 'skipped', 'invalid', 'taken'] as const).map((outcome) => (
              <span key={outcome} data-testid={`import-report-${outcome}`}>
                {t(`patientImport.outcomes.${outcome}`)}: {report[outcome]}
              </span>
            ))}
          </Flex>
        }
        extra={
          <Button onClick={onAgain} data-testid="import-again">
            {t('patientImport.report.again')}
          </Button>
        }
      />
      <Table<ReportRow>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={report.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => rowTestId(`import-report-row-${r.row}`)}
      />
    </Flex>
  );
}
