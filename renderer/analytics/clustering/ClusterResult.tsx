import { Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusteringSummary, CohortMember } from '../../../preload/contract/analytics.ts';
import { EChart } from '../charts/EChart.tsx';
import { formatNumber } from '../format.ts';
import { MembersTable } from './MembersTable.tsx';

interface Props {
  summary: ClusteringSummary;
  members: (cluster: number, offset: number, limit: number) => Promise<{ total: number; members: CohortMember[] }>;
}

/** A clustering result: counts, elbow and silhouette plots, profiles in original units, and members. Test ids: `cluster-summary`, `cluster-elbow`, `cluster-silhouette`, `cluster-profiles`. */
export function ClusterResult({ summary, members }: Props) {
  const { t } = useTranslation();
  const [cluster, setCluster] = useState<number | null>(null);
  const sampled = summary.silhouette.sampled < summary.silhouette.total;
  const featureName = (index: number) => t(`analytics.measures.${summary.features[index]!}`);

  const elbowOption = useMemo(
    () => ({
      title: { text: t('analytics.clustering.elbowTitle'), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' as const },
      xAxis: { type: 'category' as const, name: 'k', data: summary.elbow.map((p) => p.k) },
      yAxis: { type: 'value' as const, name: t('analytics.clustering.inertia') },
      // The chosen k is drawn larger.
      series: [{ type: 'line' as const, data: summary.elbow.map((p) => ({ value: p.inertia, symbolSize: p.k === summary.k ? 14 : 6 })) }],
    }),
    [summary, t],
  );
  const silhouetteOption = useMemo(
    () => ({
      title: { text: t('analytics.clustering.silhouetteTitle'), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' as const },
      xAxis: { type: 'category' as const, name: 'k', data: summary.elbow.map((p) => p.k) },
      yAxis: { type: 'value' as const, min: -1, max: 1 },
      series: [{ type: 'bar' as const, data: summary.elbow.map((p) => p.silhouette.score) }],
    }),
    [summary, t],
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph data-testid="cluster-summary">
        {t('analytics.clustering.summary', { patients: summary.patients, excluded: summary.excluded, imputed: summary.imputed, iterations: summary.iterations, converged: summary.converged ? t('analytics.clustering.converged') : '' })}{' '}
        {sampled
          ? t('analytics.clustering.silhouetteSampled', { score: formatNumber(summary.silhouette.score, 3), sampled: summary.silhouette.sampled, total: summary.silhouette.total })
          : t('analytics.clustering.silhouette', { score: formatNumber(summary.silhouette.score, 3) })}
      </Typography.Paragraph>
      {summary.elbow.length > 0 && (
        <Space style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <EChart option={elbowOption} height={260} testId="cluster-elbow" />
          <EChart option={silhouetteOption} height={260} testId="cluster-silhouette" />
        </Space>
      )}
      <Typography.Title level={4}>{t('analytics.clustering.profiles')}</Typography.Title>
      <Table
        size="small"
        bordered
        pagination={false}
        scroll={{ x: true }}
        rowKey="cluster"
        dataSource={summary.profiles}
        data-testid="cluster-profiles"
        onRow={(profile) => ({ onClick: () => setCluster(profile.cluster), style: { cursor: 'pointer' }, 'data-testid': `cluster-profile-${profile.cluster}` }) as never}
        columns={[
          { title: t('analytics.clustering.cluster'), dataIndex: 'cluster', render: (value: number) => value + 1 },
          { title: t('analytics.clustering.size'), dataIndex: 'size', align: 'right' as const },
          ...summary.features.map((feature, j) => ({
            title: t(`analytics.measures.${feature}`),
            key: feature,
            align: 'right' as const,
            render: (_: unknown, profile: ClusteringSummary['profiles'][number]) => formatNumber(profile.centroid[j], 1),
          })),
          {
            title: t('analytics.clustering.distinguishing'),
            key: 'distinguishing',
            render: (_: unknown, profile: ClusteringSummary['profiles'][number]) =>
              profile.distinguishing.map((j) => (
                <Tag key={j} color={profile.standardised[j]! > 0 ? 'red' : 'blue'}>
                  {featureName(j)} {profile.standardised[j]! > 0 ? '+' : ''}
                  {t('analytics.clustering.sdUnits', { value: formatNumber(profile.standardised[j], 1) })}
                </Tag>
              )),
          },
        ]}
      />
      {cluster !== null && <MembersTable key={cluster} cluster={cluster} load={(offset, limit) => members(cluster, offset, limit)} />}
    </Space>
  );
}
