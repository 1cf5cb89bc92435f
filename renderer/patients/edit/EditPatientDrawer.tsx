import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { EditPatientForm } from './EditPatientForm.tsx';

interface Props {
  open: boolean;
  patient: Patient;
  onClose: () => void;
  onSaved: (patient: Patient) => void;
  onReload: () => void;
}

/** Corrections beside the chart they belong to; closing discards unsaved edits. */
export function EditPatientDrawer({ open, patient, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} title={t('patients.edit.title')} onClose={onClose} size={760} destroyOnHidden mask={{ closable: false }}>
      {/* Keyed by version: a reload after a conflict starts the form again from the current record. */}
      <EditPatientForm key={patient.updatedAt} patient={patient} onCancel={onClose} onSaved={onSaved} onReload={onReload} />
    </Drawer>
  );
}
