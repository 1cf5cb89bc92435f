import { Alert, App, Form, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useSession } from '../../session/SessionContext.ts';
import { NEW_PATIENT_VALUES, type PatientFormValues } from '../form/patientFormValues.ts';
import { PatientForm } from '../form/PatientForm.tsx';
import { canRegister } from '../patientPermissions.ts';
import { openPatient, openPatientSearch } from '../patientRoute.ts';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { useRegistration } from './useRegistration.ts';

/** `#/patients/new`: the registration form; a registered patient opens at once. */
export function RegisterPatientPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PatientFormValues>();
  const onRegistered = useCallback(
    (patient: Patient) => {
      void message.success(t('patients.register.done', { mrn: patient.mrn }));
      openPatient(patient.id);
    },
    [message, t],
  );
  const registration = useRegistration(form, onRegistered);

  // A link or typed address can lead here; the button is shown only to registrars.
  if (!canRegister(role)) return <Alert type="error" showIcon title={t('errors.FORBIDDEN')} />;

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 22 }}>
        {t('patients.register.title')}
      </Typography.Title>
      <PatientForm
        form={form}
        initialValues={NEW_PATIENT_VALUES}
        onFinish={(values) => void registration.submit(values)}
        onValuesChange={registration.dismiss}
        submitLabel={t('patients.register.submit')}
        submitting={registration.submitting && !registration.candidates}
        onCancel={openPatientSearch}
        alert={<FormErrorAlert testId="register-error" message={registration.error && errorMessage(t, registration.error)} />}
        beforeButtons={
          registration.candidates && (
            <DuplicateWarning
              candidates={registration.candidates}
              onOpen={(candidate) => openPatient(candidate.id)}
              onConfirm={() => void registration.confirm()}
              confirming={registration.submitting}
            />
          )
        }
      />
    </>
  );
}
