import { Alert, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMapping, ImportOpened, ImportPreview, ImportReport } from '../../../preload/contract/patient-import.ts';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useSession } from '../../session/SessionContext.ts';
import { canRegister } from '../patientPermissions.ts';
import { ChooseFileStep } from './ChooseFileStep.tsx';
import { MappingStep } from './MappingStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { ReportStep } from './ReportStep.tsx';

type Opened = Extract<ImportOpened, { cancelled: false }>;
type Stage =
  | { step: 'choose' }
  | { step: 'map'; opened: Opened; mapping: ImportMapping }
  | { step: 'preview'; opened: Opened; mapping: ImportMapping; preview: ImportPreview; anyway: ReadonlySet<number> }
  | { step: 'report'; report: ImportReport };

const STEP_INDEX = { choose: 0, map: 1, preview: 2, report: 3 } as const;

/**
 * `#/patients/import`: an existing patient list (CSV) brought in, in four
 * steps: choose the file, map its columns, check every row, import. Leaving
 * before importing tells main to forget the file. Test id: `patient-import`.
 */
export function PatientImportPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractCallError>();
  const openId = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (openId.current) void call('patients.import.discard', { importId: openId.current }).catch(() => {});
    },
    [],
  );

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (thrown) {
      const failure = toContractCallError(thrown);
      setError(failure);
      // Main forgot the file (too long open): back to the start.
      if (failure.details.reason === 'import-expired') {
        openId.current = null;
        setStage({ step: 'choose' });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!canRegister(role)) return <Alert type="error" showIcon title={t('errors.FORBIDDEN')} />;

  const preview = (opened: Opened, mapping: ImportMapping) =>
    attempt(async () => {
      const result = await call('patients.import.preview', { importId: opened.importId, mapping });
      setStage({ step: 'preview', opened, mapping, preview: result, anyway: new Set() });
    });
  const commit = (current: Extract<Stage, { step: 'preview' }>) =>
    attempt(async () => {
      const report = await call('patients.import.commit', { importId: current.opened.importId, mapping: current.mapping, importDuplicates: [...current.anyway] });
      openId.current = null;
      setStage({ step: 'report', report });
    });

  return (
    <div data-testid="patient-import">
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 22 }}>
        {t('patientImport.title')}
      </Typography.Title>
      <Steps
        size="small"
        current={STEP_INDEX[stage.step]}
        items={(['choose', 'map', 'preview', 'report'] as const).map((step) => ({ title: t(`patientImport.steps.${step}`) }))}
        style={{ marginBottom: 24 }}
      />
      {error && <Alert type="error" showIcon role="alert" title={errorMessage(t, error)} style={{ marginBottom: 16 }} data-testid="import-failed" />}
      {stage.step === 'choose' && (
        <ChooseFileStep
          onOpened={(opened) => {
            openId.current = opened.importId;
            setStage({ step: 'map', opened, mapping: opened.mapping });
          }}
        />
      )}
      {stage.step === 'map' && (
        <MappingStep
          opened={stage.opened}
          mapping={stage.mapping}
          onMapping={(mapping) => setStage({ ...stage, mapping })}
          onPreview={() => void preview(stage.opened, stage.mapping)}
          previewing={busy}
          onBack={() => {
            if (openId.current) void call('patients.import.discard', { importId: openId.current }).catch(() => {});
            openId.current = null;
            setStage({ step: 'choose' });
          }}
        />
      )}
      {stage.step === 'preview' && (
        <PreviewStep
          preview={stage.preview}
          anyway={stage.anyway}
          onAnyway={(anyway) => setStage({ ...stage, anyway })}
          onCommit={() => void commit(stage)}
          committing={busy}
          onBack={() => setStage({ step: 'map', opened: stage.opened, mapping: stage.mapping })}
        />
      )}
      {stage.step === 'report' && <ReportStep report={stage.report} onAgain={() => setStage({ step: 'choose' })} />}
    </div>
  );
}
