import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VitalSigns } from '../../../../preload/contract/chart.ts';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canRecordVitals } from '../chartPermissions.ts';
import { formatAt } from '../format/chartDates.ts';
import { RemoveEntryModal } from '../forms/RemoveEntryModal.tsx';
import { VitalsModal } from './VitalsModal.tsx';
import { VitalsTrend } from './VitalsTrend.tsx';

const dash = (value: number | null) => (value === null ? '—' : String(value));

/** Vital signs: the trend, every set in a table, and recording a new set. Test ids: `vitals-new`, `vitals-table`, `vitals-mark-error-<id>`. */
export function VitalsPanel() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { chart, changed } = useChartView();
  const [recording, setRecording] = useState(false);
  const [wrong, setWrong] = useState<VitalSigns>();
  const mayRecord = canRecordVitals(role);

  const columns: ColumnsType<VitalSigns> = [
    { key: 'at', title: t('chart.vitals.at'), render: (_, set) => formatAt(set.at) },
    { key: 'bp', title: t('chart.vitals.short.bloodPressure'), render: (_, set) => (set.systolic === null ? '—' : `${set.systolic}/${set.diastolic}`) },
    { key: 'heartRate', title: t('chart.vitals.short.heartRate'), render: (_, set) => dash(set.heartRate) },
    { key: 'temperature', title: t('chart.vitals.short.temperature'), render: (_, set) => dash(set.temperature) },
    { key: 'spo2', title: t('chart.vitals.short.spo2'), render: (_, set) => dash(set.spo2) },
    { key: 'respiratoryRate', title: t('chart.vitals.short.respiratoryRate'), render: (_, set) => dash(set.respiratoryRate) },
    { key: 'height', title: t('chart.vitals.short.height'), render: (_, set) => dash(set.height) },
    { key: 'weight', title: t('chart.vitals.short.weight'), render: (_, set) => dash(set.weight) },
    { key: 'bmi', title: 'BMI', render: (_, set) => dash(set.bmi) },
    { key: 'by', title: t('chart.recordedBy'), render: (_, set) => set.recordedBy.name },
    ...(mayRecord
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, set: VitalSigns) => (
              <Button size="small" type="link" danger onClick={() => setWrong(set)} data-testid={`vitals-mark-error-${set.id}`}>
                {t('chart.vitals.markError')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('chart.vitals.title')}
        </Typography.Title>
        {mayRecord && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)} data-testid="vitals-new">
            {t('chart.vitals.record')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <VitalsTrend vitals={chart.vitals} />
      </Card>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={chart.vitals}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('chart.vitals.none') }}
        data-testid="vitals-table"
      />
      <VitalsModal
        open={recording}
        patientId={chart.patientId}
        encounterId={null}
        onClose={() => setRecording(false)}
        onSaved={() => {
          setRecording(false);
          changed();
        }}
      />
      <RemoveEntryModal
        open={wrong !== undefined}
        title={t('chart.vitals.markError')}
        subject={wrong ? formatAt(wrong.at) : ''}
        onClose={() => setWrong(undefined)}
        onRemove={(reason) => call('chart.vitals.markError', { id: wrong!.id, reason })}
        onRemoved={() => {
          setWrong(undefined);
          changed();
        }}
      />
    </Flex>
  );
}
