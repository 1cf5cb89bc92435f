import { Table, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { ageText } from '../format/ageText.ts';
import { maskPhone } from '../format/maskPhone.ts';
import { MatchBadge } from './MatchBadge.tsx';

interface Props {
  /** The table's element id, named by the search box's aria-controls. */
  id: string;
  hits: readonly SearchHit[];
  activeIndex: number;
  onOpen: (hit: SearchHit) => void;
  loading: boolean;
  emptyText: string;
  /** `<prefix>-results` and rows `<prefix>-hit-<mrn>`. */
  testIdPrefix: string;
}

/** The row's element id, for the search box's aria-activedescendant. */
export function hitRowId(tableId: string, hit: SearchHit): string {
  return `${tableId}-${hit.id}`;
}

/** Search hits, highlighted row kept in view; a click opens the patient. Phones show their last four digits only. */
export function PatientResults({ id, hits, activeIndex, onOpen, loading, emptyText, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const active = hits[activeIndex];
  const activeRowId = active && hitRowId(id, active);

  useEffect(() => {
    if (activeRowId) document.getElementById(activeRowId)?.scrollIntoView({ block: 'nearest' });
  }, [activeRowId]);

  const columns: TableColumnsType<SearchHit> = [
    { key: 'name', title: t('patients.columns.name'), render: (_, hit) => <Typography.Text strong>{hit.fullName}</Typography.Text> },
    { key: 'pinyin', title: t('patients.columns.pinyin'), render: (_, hit) => hit.pinyin ?? '' },
    { key: 'sex', title: t('patients.columns.sex'), render: (_, hit) => t(`patients.sexes.${hit.sex}`) },
    { key: 'age', title: t('patients.columns.age'), render: (_, hit) => ageText(t, hit.birthDate) },
    { key: 'birthDate', title: t('patients.columns.birthDate'), dataIndex: 'birthDate' },
    { key: 'mrn', title: t('patients.columns.mrn'), dataIndex: 'mrn' },
    { key: 'phone', title: t('patients.columns.phone'), render: (_, hit) => (hit.phones[0] ? maskPhone(hit.phones[0]) : '') },
    // The recently seen list matched nothing, so it has no badge column.
    ...(hits.some((hit) => hit.match)
      ? [{ key: 'match', title: t('patients.columns.match'), render: (_: unknown, hit: SearchHit) => hit.match && <MatchBadge match={hit.match} /> }]
      : []),
  ];

  return (
    <div data-testid={`${testIdPrefix}-results`}>
      <Table<SearchHit>
        id={id}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={hits}
        loading={loading}
        pagination={false}
        locale={{ emptyText }}
        rowClassName={(hit) => (hit === active ? 'patient-hit-active' : '')}
        onRow={(hit) => ({
          ...rowTestId(`${testIdPrefix}-hit-${hit.mrn}`),
          id: hitRowId(id, hit),
          'aria-selected': hit === active,
          onClick: () => onOpen(hit),
          style: { cursor: 'pointer' },
        })}
      />
    </div>
  );
}
