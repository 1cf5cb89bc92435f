import { Form, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GateLayout } from '../GateLayout.tsx';
import { AdministratorStep } from './AdministratorStep.tsx';
import { ClinicStep, type ClinicValues } from './ClinicStep.tsx';
import { ConfirmKeyStep } from './ConfirmKeyStep.tsx';
import { RecoveryKeyStep } from './RecoveryKeyStep.tsx';
import type { IssuedKey } from './issuedKey.ts';

const STEPS = ['clinic', 'administrator', 'recoveryKey', 'confirm'] as const;

/**
 * First run: clinic, first administrator, then the recovery key, shown once and
 * typed back. The first two steps stay mounted while hidden so that main's field
 * errors can be put on either form; once the clinic exists there is no going back to them.
 */
export function SetupWizard({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [clinicForm] = Form.useForm<ClinicValues>();
  const [issued, setIssued] = useState<IssuedKey>();

  return (
    <GateLayout testId="setup-wizard" title={t('session.setup.title')} width={680}>
      <Steps size="small" current={step} items={STEPS.map((id) => ({ title: t(`session.setup.steps.${id}`) }))} style={{ marginBottom: 24 }} />
      {issued ? (
        step === 2 ? (
          <RecoveryKeyStep issued={issued} onNext={() => setStep(3)} />
        ) : (
          <ConfirmKeyStep onBack={() => setStep(2)} onConfirmed={onFinished} />
        )
      ) : (
        <>
          <ClinicStep form={clinicForm} active={step === 0} onNext={() => setStep(1)} />
          <AdministratorStep
            clinicForm={clinicForm}
            active={step === 1}
            onBack={() => setStep(0)}
            onClinicRejected={() => setStep(0)}
            onIssued={(key) => {
              setIssued(key);
              setStep(2);
            }}
          />
        </>
      )}
    </GateLayout>
  );
}
