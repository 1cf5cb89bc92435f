import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate, Patient, PatientInput } from '../../../preload/contract/patients.ts';
import { applyFieldErrors } from '../../forms/applyFieldErrors.ts';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';
import { PATIENT_FIELD_NAMES, toPatientInput, type PatientFormValues } from '../form/patientFormValues.ts';

export interface Registration {
  /** Checks for likely duplicates first; registers only if there are none. */
  readonly submit: (values: PatientFormValues) => Promise<void>;
  /** The desk looked at the candidates: registers what was checked, as a different person. */
  readonly confirm: () => Promise<void>;
  /** The form changed, so the candidates no longer answer it. */
  readonly dismiss: () => void;
  readonly candidates: readonly DuplicateCandidate[] | undefined;
  readonly submitting: boolean;
  readonly error: ContractCallError | undefined;
}

/**
 * Register with a duplicate check in front. Main refuses a likely duplicate
 * (CONFLICT, reason `duplicate`) unless confirmed, as when someone registered
 * the same patient meanwhile at another desk; then the candidates are fetched and shown.
 */
export function useRegistration(form: FormInstance<PatientFormValues>, onRegistered: (patient: Patient) => void): Registration {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ContractCallError>();
  const [checked, setChecked] = useState<{ input: PatientInput; candidates: readonly DuplicateCandidate[] }>();

  const attempt = useCallback(
    async (work: () => Promise<void>) => {
      setSubmitting(true);
      setError(undefined);
      try {
        await work();
      } catch (thrown) {
        const failure = toContractCallError(thrown);
        applyFieldErrors(form, failure, t, PATIENT_FIELD_NAMES);
        setError(failure);
      } finally {
        setSubmitting(false);
      }
    },
    [form, t],
  );

  /** True if registered; false if duplicates were found and are now shown. */
  const showDuplicates = useCallback(async (input: PatientInput) => {
    const candidates = await call('patients.findDuplicates', { patient: input });
    if (candidates.length > 0) setChecked({ input, candidates });
    return candidates.length > 0;
  }, []);

  const register = useCallback(
    async (input: PatientInput, confirmedNotDuplicate: boolean) => {
      try {
        onRegistered(await call('patients.register', { patient: input, confirmedNotDuplicate }));
      } catch (thrown) {
        const failure = toContractCallError(thrown);
        if (failure.code === 'CONFLICT' && failure.details.reason === 'duplicate' && (await showDuplicates(input))) return;
        throw failure;
      }
    },
    [onRegistered, showDuplicates],
  );

  const submit = useCallback(
    (values: PatientFormValues) =>
      attempt(async () => {
        const input = toPatientInput(values);
        if (!(await showDuplicates(input))) await register(input, false);
      }),
    [attempt, register, showDuplicates],
  );

  const confirm = useCallback(async () => {
    if (checked) await attempt(() => register(checked.input, true));
  }, [attempt, checked, register]);

  const dismiss = useCallback(() => setChecked(undefined), []);

  return { submit, confirm, dismiss, candidates: checked?.candidates, submitting, error };
}
