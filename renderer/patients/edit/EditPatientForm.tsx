import { App, Form } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { PATIENT_FIELD_NAMES, toFormValues, toPatientInput, type PatientFormValues } from '../form/patientFormValues.ts';
import { PatientForm } from '../form/PatientForm.tsx';
import { EditFailureAlert } from './EditFailureAlert.tsx';

interface Props {
  patient: Patient;
  onCancel: () => void;
  onSaved: (patient: Patient) => void;
  /** Reads the record again after a conflict; the form is re-created with what is current. */
  onReload: () => void;
}

/** The registration form, filled in; saving names the version it started from, so nobody's change is overwritten unseen. */
export function EditPatientForm({ patient, onCancel, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PatientFormValues>();
  const save = useCallback(
    (values: PatientFormValues) => call('patients.update', { id: patient.id, patient: toPatientInput(values), expectedUpdatedAt: patient.updatedAt }),
    [patient.id, patient.updatedAt],
  );
  const onSuccess = useCallback(
    (saved: Patient) => {
      void message.success(t('patients.edit.saved'));
      onSaved(saved);
    },
    [message, onSaved, t],
  );
  const { submit, submitting, error } = useFormSubmit(form, save, { onSuccess, fieldNames: PATIENT_FIELD_NAMES });

  return (
    <PatientForm
      form={form}
      initialValues={toFormValues(patient)}
      onFinish={(values) => void submit(values)}
      submitLabel={t('patients.edit.submit')}
      submitting={submitting}
      onCancel={onCancel}
      alert={<EditFailureAlert error={error} onReload={onReload} />}
    />
  );
}
