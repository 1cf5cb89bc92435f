import { Alert, Button, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { EditPatientDrawer } from '../edit/EditPatientDrawer.tsx';
import { MergePatientModal } from '../merge/MergePatientModal.tsx';
import { openPatientSearch } from '../patientRoute.ts';
import { ChartTabs } from './ChartTabs.tsx';
import { PatientActions } from './PatientActions.tsx';
import { PatientHeaderCard } from './PatientHeaderCard.tsx';
import { usePatient } from './usePatient.ts';

/** `#/patients/<id>`: the chart's header and its areas; edit and merge open over it. */
export function PatientViewPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const record = usePatient(id);
  const [dialog, setDialog] = useState<'edit' | 'merge'>();
  const close = () => setDialog(undefined);

  if (record.error?.code === 'NOT_FOUND') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('patients.view.notFound')}
        action={<Button onClick={openPatientSearch}>{t('patients.view.backToSearch')}</Button>}
        data-testid="patient-not-found"
      />
    );
  }
  if (record.error) return <CallFailedNotice error={record.error} onRetry={record.reload} />;
  const { patient } = record;
  if (!patient) {
    return (
      <Flex justify="center" role="status" aria-label={t('app.loading')}>
        <Spin />
      </Flex>
    );
  }

  return (
    <Flex vertical gap="middle" data-testid="patient-view" data-patient-id={patient.id}>
      {/* Main opens a merged-away record's survivor. */}
      {patient.id !== id && <Alert type="info" showIcon title={t('patients.view.openedThroughMerge')} />}
      <PatientHeaderCard patient={patient} actions={<PatientActions onEdit={() => setDialog('edit')} onMerge={() => setDialog('merge')} />} />
      <ChartTabs patient={patient} onPatientChanged={record.reload} />
      <EditPatientDrawer
        open={dialog === 'edit'}
        patient={patient}
        onClose={close}
        onSaved={(saved) => {
          record.replace(saved);
          close();
        }}
        onReload={record.reload}
      />
      <MergePatientModal open={dialog === 'merge'} survivor={patient} onClose={close} onMerged={record.replace} />
    </Flex>
  );
}
