import { Alert, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortMember } from '../../../preload/contract/analytics.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

const PAGE = 50;

/** One cluster's members, a page at a time (each page is an audited read). Test ids: `cluster-members`, `cluster-member-<patientId>`. */
export function MembersTable({ cluster, load }: { cluster: number | null; load: (offset: number, limit: number) => Promise<{ total: number; members: CohortMember[] }> }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; members: CohortMember[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The parent passes a new `load` on each render; the page and cluster say when to load again.
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    let current = true;
    loader.current((page - 1) * PAGE, PAGE).then(
      (answer) => current && setData(answer),
      (failure: unknown) => current && setError(errorMessage(t, failure)),
    );
    return () => {
      current = false;
    };
  }, [page, cluster, t]);

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <>
      <Typography.Title level={5}>
        {t('analytics.clustering.members')}
        {cluster !== null ? ` · ${t('analytics.clustering.cluster')} ${cluster + 1}` : ''}
      </Typography.Title>
      <Table
        size="small"
        rowKey="patientId"
        loading={!data}
        dataSource={data?.members ?? []}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        data-testid="cluster-members"
        onRow={(member) => ({ 'data-testid': `cluster-member-${member.patientId}` }) as never}
        columns={[
          { title: t('analytics.clustering.mrn'), dataIndex: 'mrn', render: (mrn: string, member) => <a href={`#/patients/${member.patientId}`}>{mrn}</a> },
          { title: t('analytics.clustering.name'), dataIndex: 'fullName' },
          { title: t('analytics.clustering.sex'), dataIndex: 'sex', render: (sex: string) => t(`analytics.sexes.${sex as 'female'}`, { defaultValue: sex }) },
          { title: t('analytics.clustering.birthDate'), dataIndex: 'birthDate' },
          { title: t('analytics.clustering.cluster'), dataIndex: 'cluster', render: (value: number) => value + 1 },
        ]}
      />
    </>
  );
}
