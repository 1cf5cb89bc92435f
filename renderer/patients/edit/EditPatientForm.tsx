import { App, Form } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate, Patient, PatientInput } from '../../../preload/contract/patients.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { PATIENT_FIELD_NAMES, toFormValues, toPatientInput, type PatientFormValues } from '../form/patientFormValues.ts';
import { PatientForm } from '../form/PatientForm.tsx';
import { openPatient } from '../patientRoute.ts';
import { DuplicateWarning } from '../register/DuplicateWarning.tsx';
import { EditFailureAlert } from './EditFailureAlert.tsx';
import { identityChanged } from './identityChanged.ts';

interface Props {
  patient: Patient;
  onCancel: () => void;
  onSaved: (patient: Patient) => void;
  /** Reads the record again after a conflict; the form is re-created with what is current. */
  onReload: () => void;
}

/** Saved, or held back because the corrected details look like another registered patient. */
type Outcome = { saved: Patient } | { candidates: DuplicateCandidate[]; input: PatientInput };

/**
 * The registration form, filled in; saving names the version it started from,
 * so nobody's change is overwritten unseen. A correction of name, birth date,
 * phones or ID is checked for likely duplicates first (this record excluded),
 * as a registration is; the desk confirms a different person to save anyway.
 */
export function EditPatientForm({ patient, onCancel, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PatientFormValues>();
  const [held, setHeld] = useState<{ candidates: DuplicateCandidate[]; input: PatientInput }>();
  // Set by the warning's confirm button for the one save it sends.
  const confirmed = useRef(false);

  const update = useCallback(
    (input: PatientInput) => call('patients.update', { id: patient.id, patient: input, expectedUpdatedAt: patient.updatedAt }),
    [patient.id, patient.updatedAt],
  );
  const save = useCallback(
    async (values: PatientFormValues): Promise<Outcome> => {
      const differentPerson = confirmed.current;
      confirmed.current = false;
      const input = toPatientInput(values);
      if (!differentPerson && identityChanged(patient, input)) {
        const candidates = await call('patients.findDuplicates', { patient: input, excludeId: patient.id });
        if (candidates.length > 0) return { candidates, input };
      }
      return { saved: await update(input) };
    },
    [patient, update],
  );
  const onSuccess = useCallback(
    (outcome: Outcome) => {
      if ('candidates' in outcome) {
        setHeld(outcome);
        return;
      }
      void message.success(t('patients.edit.saved'));
      onSaved(outcome.saved);
    },
    [message, onSaved, t],
  );
  const { submit, submitting, error } = useFormSubmit(form, save, { onSuccess, fieldNames: PATIENT_FIELD_NAMES });
  const confirm = () => {
    confirmed.current = true;
    // The values were checked by the submit that raised the warning; any change since dismissed it.
    void submit(form.getFieldsValue(true) as PatientFormValues);
  };

  return (
    <PatientForm
      form={form}
      initialValues={toFormValues(patient)}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setHeld(undefined)}
      submitLabel={t('patients.edit.submit')}
      submitting={submitting && !held}
      onCancel={onCancel}
      alert={<EditFailureAlert error={error} onReload={onReload} />}
      beforeButtons={
        held && (
          <DuplicateWarning
            candidates={held.candidates}
            onOpen={(candidate) => openPatient(candidate.id)}
            onConfirm={confirm}
            confirming={submitting}
            confirmLabel={t('patients.edit.duplicateConfirm')}
          />
        )
      }
    />
  );
}
