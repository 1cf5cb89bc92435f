import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Medication } from '../../../../preload/contract/chart.ts';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canAuthor } from '../chartPermissions.ts';
import { EntryPanel } from './EntryPanel.tsx';
import { MedicationForm } from './MedicationForm.tsx';

/** The medication list (test id prefix `medication`; see EntryPanel). */
export function MedicationsPanel() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { chart, changed } = useChartView();
  const dash = (value: string | null) => value || '—';
  return (
    <EntryPanel<Medication>
      name="medication"
      title={t('chart.medications.title')}
      addLabel={t('chart.medications.add')}
      emptyText={t('chart.medications.none')}
      entries={chart.medications}
      canWrite={canAuthor(role)}
      columns={[
        { key: 'name', title: t('chart.medications.name'), render: (_, medication) => <strong>{medication.name}</strong> },
        { key: 'dose', title: t('chart.medications.dose'), render: (_, medication) => dash(medication.dose) },
        { key: 'route', title: t('chart.medications.route'), render: (_, medication) => t(`chart.medications.routes.${medication.route}`) },
        { key: 'frequency', title: t('chart.medications.frequency'), render: (_, medication) => dash(medication.frequency) },
        { key: 'period', title: t('chart.medications.period'), render: (_, medication) => `${dash(medication.start)} – ${dash(medication.end)}` },
        {
          key: 'status',
          title: t('chart.medications.status'),
          render: (_, medication) => <Tag color={medication.status === 'active' ? 'blue' : undefined}>{t(`chart.medications.statuses.${medication.status}`)}</Tag>,
        },
        { key: 'by', title: t('chart.recordedBy'), render: (_, medication) => medication.recordedBy.name },
      ]}
      form={(medication, done, cancel) => <MedicationForm patientId={chart.patientId} medication={medication} onSaved={done} onCancel={cancel} />}
      subject={(medication) => medication.name}
      remove={(medication, reason) => call('chart.medications.remove', { id: medication.id, reason })}
      onChanged={changed}
    />
  );
}
