import { Alert, Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityReport } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

type Entity = 'patient' | 'encounter' | 'vitals' | 'problem';

/** Data quality report; each finding links to the record to fix. Test ids: `quality-run`, `quality-completeness`, `quality-findings`, `quality-open-<recordId>`. */
export function QualityTab() {
  const { t } = useTranslation();
  const [report, setReport] = useState<QualityReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entity = (name: string) => t(`analytics.quality.entities.${name as Entity}`, { defaultValue: name });
  // Vital-sign fields are named as measures; the others have their own labels.
  const field = (name: string) => t(`analytics.quality.fields.${name as 'sex'}`, { defaultValue: t(`analytics.measures.${name as 'age'}`, { defaultValue: name }) });

  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      setReport(await call('analytics.quality.report', {}));
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Button type="primary" loading={loading} onClick={() => void run()} data-testid="quality-run">
        {t('analytics.quality.run')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      {report && (
        <>
          <Space wrap>
            {Object.entries(report.counts).map(([kind, count]) => (
              <Tag key={kind} color="orange">
                {t(`analytics.quality.kinds.${kind as 'missingField'}`)}: {count}
              </Tag>
            ))}
          </Space>
          <Typography.Title level={4}>{t('analytics.quality.completeness')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.entity}.${row.field}`}
            dataSource={report.completeness}
            data-testid="quality-completeness"
            columns={[
              { title: t('analytics.quality.entity'), dataIndex: 'entity', render: entity },
              { title: t('analytics.quality.field'), dataIndex: 'field', render: field },
              {
                title: t('analytics.quality.present'),
                key: 'present',
                render: (_, row) => (
                  <Space>
                    <Progress style={{ width: 160 }} size="small" percent={row.total ? Math.round((row.present / row.total) * 100) : 100} />
                    <span>
                      {row.present} / {row.total}
                    </span>
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Title level={4}>{t('analytics.quality.findings')}</Typography.Title>
          {report.truncated && <Alert type="info" showIcon title={t('analytics.quality.truncated', { shown: report.findings.length })} />}
          <Table
            size="small"
            rowKey={(finding, index) => `${finding.kind}-${finding.recordId}-${finding.field}-${index}`}
            dataSource={report.findings}
            locale={{ emptyText: t('analytics.quality.none') }}
            data-testid="quality-findings"
            columns={[
              { title: t('analytics.quality.kind'), dataIndex: 'kind', render: (kind: string) => t(`analytics.quality.kinds.${kind as 'missingField'}`) },
              { title: t('analytics.quality.entity'), dataIndex: 'entity', render: entity },
              { title: t('analytics.quality.field'), dataIndex: 'field', render: (name: string | null) => (name ? field(name) : '—') },
              { title: t('analytics.quality.value'), dataIndex: 'value', render: (value: string | null) => value ?? '—' },
              {
                title: '',
                key: 'open',
                render: (_, finding) => (
                  <Space>
                    <a href={finding.route} data-testid={`quality-open-${finding.recordId}`}>
                      {t('analytics.quality.open')}
                    </a>
                    {finding.otherPatientId && <a href={`#/patients/${finding.otherPatientId}`}>{t('analytics.quality.open')} (2)</a>}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
