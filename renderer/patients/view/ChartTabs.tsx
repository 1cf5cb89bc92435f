import { Flex, Spin, Tabs } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { ANALYSTS } from '../../../preload/contract/roles.ts';
import { CdsCards } from '../../analytics/cds/CdsCards.tsx';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { PatientAppointments } from '../chart/appointments/PatientAppointments.tsx';
import { ChartContext, type ChartView } from '../chart/ChartContext.ts';
import { useChartRoute } from '../chart/chartRoute.ts';
import { DocumentsPanel } from '../chart/documents/DocumentsPanel.tsx';
import { EncountersPanel } from '../chart/encounters/EncountersPanel.tsx';
import { MedicationsPanel } from '../chart/lists/MedicationsPanel.tsx';
import { ProblemsAndAllergies } from '../chart/lists/ProblemsAndAllergies.tsx';
import { VisitSummary } from '../chart/summary/VisitSummary.tsx';
import { ChartTimeline } from '../chart/timeline/ChartTimeline.tsx';
import { ImagingEntries } from '../chart/timeline/ImagingEntries.tsx';
import { VitalsPanel } from '../chart/vitals/VitalsPanel.tsx';

const AREAS = ['timeline', 'encounters', 'vitals', 'problems', 'medications', 'documents', 'imaging', 'appointments', 'advice'] as const;
type Area = (typeof AREAS)[number];

interface Props {
  patient: Patient;
  /** The header re-reads the patient: its allergy flag follows the allergy list. */
  onPatientChanged: () => void;
}

/**
 * The chart's areas over one audited read of the whole chart, read again after each change; the visit summary
 * route opens its print sheet over them; decision-support cards for analysts. Test ids: `patient-tab-<area>`, `chart-loading`.
 */
export function ChartTabs({ patient, onPatientChanged }: Props) {
  const { t } = useTranslation();
  const { role } = useSession();
  // One audited read of the whole chart, again after each change.
  const { value: chart, error, reload } = useCall('chart.get', { patientId: patient.id });
  const route = useChartRoute();
  const view = useMemo<ChartView | null>(
    () =>
      chart
        ? {
            chart,
            changed: (options) => {
              reload();
              if (options?.patient) onPatientChanged();
            },
          }
        : null,
    [chart, reload, onPatientChanged],
  );

  if (error) return <CallFailedNotice error={error} onRetry={reload} />;
  if (!view) {
    return (
      <Flex justify="center" role="status" aria-label={t('app.loading')} data-testid="chart-loading">
        <Spin />
      </Flex>
    );
  }

  const content: Record<Area, ReactNode> = {
    timeline: <ChartTimeline />,
    encounters: <EncountersPanel />,
    vitals: <VitalsPanel />,
    problems: <ProblemsAndAllergies />,
    medications: <MedicationsPanel />,
    documents: <DocumentsPanel />,
    imaging: <ImagingEntries />,
    appointments: <PatientAppointments patientId={patient.id} />,
    advice: <CdsCards patientId={patient.id} />,
  };
  // Remote decision support is for those who act on it (the contract's analysts).
  const areas = AREAS.filter((area) => area !== 'advice' || (ANALYSTS as readonly string[]).includes(role));

  return (
    <ChartContext value={view}>
      <Tabs
        aria-label={t('patients.chart.label')}
        items={areas.map((area) => ({
          key: area,
          label: <span data-testid={`patient-tab-${area}`}>{t(`patients.chart.tabs.${area}`)}</span>,
          children: content[area],
        }))}
      />
      {route.kind === 'visitSummary' && <VisitSummary patient={patient} encounterId={route.encounterId} />}
    </ChartContext>
  );
}
