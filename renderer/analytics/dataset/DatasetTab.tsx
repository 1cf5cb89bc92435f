import { Alert, Button, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASET_FORMATS, type DatasetExportResult, type DatasetFormat } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';

/** The destination picker's value for a folder chosen in a dialog; any other value is a sync target's id. */
const FOLDER = '';

/**
 * Administrator: the de-identified dataset into a new folder, or as plain objects under `datasets/` in a sync
 * target's bucket (for the hospital's data platform). Test ids: `dataset-format-<format>`, `dataset-destination`,
 * `dataset-run`, `dataset-result`.
 */
export function DatasetTab() {
  const { t } = useTranslation();
  const [format, setFormat] = useState<DatasetFormat>('ndjson');
  const [destination, setDestination] = useState(FOLDER);
  const targets = useCall('sync.status', {}).value?.targets ?? [];
  const [result, setResult] = useState<DatasetExportResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      const answer = await call('analytics.dataset.export', destination === FOLDER ? { format } : { format, target: destination });
      if (answer.status === 'done') setResult(answer.result);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph>{t('analytics.dataset.intro')}</Typography.Paragraph>
      <Radio.Group value={format} onChange={(event) => setFormat(event.target.value as DatasetFormat)}>
        {DATASET_FORMATS.map((option) => (
          <Radio key={option} value={option} data-testid={`dataset-format-${option}`}>
            {t(`analytics.dataset.formats.${option}`)}
          </Radio>
        ))}
      </Radio.Group>
      <Space>
        <Typography.Text>{t('analytics.dataset.destination')}</Typography.Text>
        <Select
          style={{ minWidth: 320 }}
          value={destination}
          onChange={setDestination}
          data-testid="dataset-destination"
          options={[{ value: FOLDER, label: t('analytics.dataset.folder') }, ...targets.map((target) => ({ value: target.id, label: t('analytics.dataset.bucket', { name: target.name }) }))]}
        />
      </Space>
      {destination !== FOLDER && <Alert type="warning" showIcon title={t('analytics.dataset.bucketPlain')} />}
      <Button type="primary" loading={loading} onClick={() => void run()} data-testid="dataset-run">
        {destination === FOLDER ? t('analytics.dataset.run') : t('analytics.dataset.runBucket')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <div data-testid="dataset-result">
          <Alert type="success" showIcon title={t('analytics.dataset.done', { patients: result.patients, location: result.location })} />
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
