import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportEntry, ImportReport } from '../../preload/contract/fhir.ts';
import { openPatient } from '../patients/patientRoute.ts';

const OUTCOME_COLOR: Record<ImportEntry['outcome'], string> = { created: 'green', matched: 'blue', present: 'default', skipped: 'orange' };

/**
 * What an import did, entry by entry. Test ids: `fhir-import-report`, `fhir-import-patient`,
 * `fhir-import-counts`, `fhir-import-open-patient`, rows `fhir-import-entry-<index>`.
 */
export function ImportReportView({ fileName, report, onOpenPatient }: { fileName: string; report: ImportReport; onOpenPatient: () => void }) {
  const { t } = useTranslation();
  const open = () => {
    onOpenPatient();
    openPatient(report.patient.id);
  };
  return (
    <Flex vertical gap="middle" data-testid="fhir-import-report">
      <Typography.Text type="secondary">{t('fhir.import.fileName', { fileName })}</Typography.Text>
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Text strong data-testid="fhir-import-patient">
          {t(report.patient.outcome === 'created' ? 'fhir.import.patientCreated' : 'fhir.import.patientMatched', { mrn: report.patient.mrn })}
        </Typography.Text>
        <Button type="primary" onClick={open} data-testid="fhir-import-open-patient">
          {t('fhir.import.openPatient')}
        </Button>
      </Flex>
      <Typography.Text data-testid="fhir-import-counts">{t('fhir.import.counts', report.counts)}</Typography.Text>
      <Table<ImportEntry>
        size="small"
        rowKey="index"
        pagination={report.entries.length > 50 ? { pageSize: 50 } : false}
        dataSource={report.entries}
        onRow={(entry) => ({ 'data-testid': `fhir-import-entry-${entry.index}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'entry', title: t('fhir.import.columns.entry'), dataIndex: 'index', width: 72, render: (index: number) => index + 1 },
          { key: 'resource', title: t('fhir.import.columns.resource'), dataIndex: 'resourceType' },
          {
            key: 'outcome',
            title: t('fhir.import.columns.outcome'),
            dataIndex: 'outcome',
            render: (outcome: ImportEntry['outcome']) => <Tag color={OUTCOME_COLOR[outcome]}>{t(`fhir.import.outcomes.${outcome}`)}</Tag>,
          },
          {
            key: 'reason',
            title: t('fhir.import.columns.reason'),
            render: (_, entry) =>
              entry.reason && (
                <Flex vertical>
                  <span>{t(`fhir.import.reasons.${entry.reason}`)}</span>
                  {(entry.path || entry.message) && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[entry.path, entry.message].filter(Boolean).join(' — ')}
                    </Typography.Text>
                  )}
                </Flex>
              ),
          },
        ]}
      />
    </Flex>
  );
}
