import { Alert, Button, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASET_FORMATS, type DatasetExportResult, type DatasetFormat } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

/** Administrator: the de-identified dataset into a new folder. Test ids: `dataset-format-<format>`, `dataset-run`, `dataset-result`. */
export function DatasetTab() {
  const { t } = useTranslation();
  const [format, setFormat] = useState<DatasetFormat>('ndjson');
  const [result, setResult] = useState<DatasetExportResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      const answer = await call('analytics.dataset.export', { format });
      if (answer.status === 'done') setResult(answer.result);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph>{t('analytics.dataset.intro')}</Typography.Paragraph>
      <Radio.Group value={format} onChange={(event) => setFormat(event.target.value as DatasetFormat)}>
        {DATASET_FORMATS.map((option) => (
          <Radio key={option} value={option} data-testid={`dataset-format-${option}`}>
            {t(`analytics.dataset.formats.${option}`)}
          </Radio>
        ))}
      </Radio.Group>
      <Button type="primary" loading={loading} onClick={() => void run()} data-testid="dataset-run">
        {t('analytics.dataset.run')}
      </Button>
      {error && <Alert type="error" showIcon message={error} />}
      {result && (
        <div data-testid="dataset-result">
          <Alert type="success" showIcon message={t('analytics.dataset.done', { patients: result.patients, folder: result.folder })} />
          <Table
            size="small"
            pagination={false}
            rowKey="file"
            dataSource={result.files}
            columns={[
              { title: t('analytics.dataset.type'), dataIndex: 'type' },
              { title: t('analytics.dataset.file'), dataIndex: 'file' },
              { title: t('analytics.dataset.count'), dataIndex: 'count', align: 'right' as const },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
