import { Alert, Button, Form, Input, InputNumber, Progress, Radio, Select, Space, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEATURES, MISSING_POLICIES, type ClusteringSummary, type Feature } from '../../../preload/contract/analytics.ts';
import { call, onEvent } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { ClusterResult } from './ClusterResult.tsx';
import { SavedCohorts } from './SavedCohorts.tsx';

type Policy = (typeof MISSING_POLICIES)[number];

/**
 * Choose features, missing-value policy, k and seed; run k-means in main's worker with progress and cancel;
 * see elbow and silhouette plots, profiles and members; save the result as a cohort.
 * Test ids: `cluster-features`, `cluster-missing`, `cluster-k`, `cluster-seed`, `cluster-elbow-from`, `cluster-elbow-to`,
 * `cluster-run`, `cluster-cancel`, `cluster-progress`, `cluster-save-name`, `cluster-save`.
 */
export function ClusteringTab() {
  const { t } = useTranslation();
  const [features, setFeatures] = useState<Feature[]>(['age', 'systolic', 'diastolic', 'bmi']);
  const [missing, setMissing] = useState<Policy>('median');
  const [k, setK] = useState(4);
  const [seed, setSeed] = useState(42);
  const [elbow, setElbow] = useState<[number, number]>([2, 8]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ phase: string; done: number } | null>(null);
  const [result, setResult] = useState<{ jobId: string; summary: ClusteringSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [savedVersion, setSavedVersion] = useState(0);

  useEffect(() => {
    if (!jobId) return;
    return onEvent('job.progress', (event) => event.jobId === jobId && setProgress({ phase: event.phase, done: event.done }));
  }, [jobId]);

  const run = async () => {
    const id = crypto.randomUUID();
    setJobId(id);
    setProgress({ phase: 'prepare', done: 0 });
    setError(null);
    try {
      const answer = await call('analytics.clustering.run', { jobId: id, features, missing, k, seed, elbow: elbow[1] > elbow[0] ? { from: elbow[0], to: elbow[1] } : undefined });
      if (answer.status === 'done') setResult({ jobId: answer.jobId, summary: answer.summary });
      else setProgress({ phase: 'cancelled', done: 0 });
    } catch (failure) {
      setError(errorMessage(t, failure));
      setProgress(null);
    } finally {
      setJobId(null);
    }
  };

  const save = async () => {
    if (!result || !name.trim()) return;
    try {
      await call('analytics.cohorts.save', { jobId: result.jobId, name: name.trim() });
      void message.success(t('analytics.clustering.saved'));
      setName('');
      setSavedVersion((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="vertical">
        <Form.Item label={t('analytics.clustering.features')}>
          <Select<Feature[]>
            mode="multiple"
            value={features}
            onChange={(list) => list.length && setFeatures(list)}
            options={FEATURES.map((f) => ({ value: f, label: t(`analytics.measures.${f}`) }))}
            data-testid="cluster-features"
          />
        </Form.Item>
        <Form.Item label={t('analytics.clustering.missing')}>
          <Radio.Group value={missing} onChange={(event) => setMissing(event.target.value as Policy)} data-testid="cluster-missing">
            {MISSING_POLICIES.map((policy) => (
              <Radio.Button key={policy} value={policy} data-testid={`cluster-missing-${policy}`}>
                {t(`analytics.clustering.missingPolicies.${policy}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Space wrap align="end">
          <Form.Item label={t('analytics.clustering.k')}>
            <InputNumber min={2} max={20} value={k} onChange={(value) => value && setK(value)} data-testid="cluster-k" />
          </Form.Item>
          <Form.Item label={t('analytics.clustering.seed')}>
            <InputNumber min={0} max={2 ** 31 - 1} value={seed} onChange={(value) => value !== null && setSeed(value)} data-testid="cluster-seed" />
          </Form.Item>
          <Form.Item label={t('analytics.clustering.elbowFrom')}>
            <InputNumber min={1} max={19} value={elbow[0]} onChange={(value) => value && setElbow([value, elbow[1]])} data-testid="cluster-elbow-from" />
          </Form.Item>
          <Form.Item label={t('analytics.clustering.elbowTo')}>
            <InputNumber min={2} max={20} value={elbow[1]} onChange={(value) => value && setElbow([elbow[0], value])} data-testid="cluster-elbow-to" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" loading={jobId !== null} onClick={() => void run()} data-testid="cluster-run">
                {t('analytics.clustering.run')}
              </Button>
              <Button disabled={jobId === null} onClick={() => jobId && void call('analytics.clustering.cancel', { jobId })} data-testid="cluster-cancel">
                {t('analytics.clustering.cancel')}
              </Button>
            </Space>
          </Form.Item>
        </Space>
      </Form>
      {progress && (
        <div data-testid="cluster-progress">
          <Typography.Text type="secondary">{t(`analytics.clustering.stages.${progress.phase as 'prepare'}`, { defaultValue: progress.phase })}</Typography.Text>
          <Progress percent={progress.phase === 'cancelled' ? 0 : progress.done} status={progress.phase === 'cancelled' ? 'exception' : jobId ? 'active' : 'normal'} />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <>
          <ClusterResult summary={result.summary} members={(cluster, offset, limit) => call('analytics.clustering.members', { jobId: result.jobId, cluster, offset, limit })} />
          <Space>
            <Input placeholder={t('analytics.clustering.saveName')} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} data-testid="cluster-save-name" />
            <Button onClick={() => void save()} disabled={!name.trim()} data-testid="cluster-save">
              {t('analytics.clustering.save')}
            </Button>
          </Space>
        </>
      )}
      <SavedCohorts version={savedVersion} />
    </Space>
  );
}
