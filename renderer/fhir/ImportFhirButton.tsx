import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../preload/contract/fhir.ts';
import { call, toContractCallError, type ContractCallError } from '../platform/api.ts';
import { useSession } from '../session/SessionContext.ts';
import { canImportFhir } from './fhirPermissions.ts';
import { ImportRefusal } from './ImportRefusal.tsx';
import { ImportReportView } from './ImportReportView.tsx';

type Outcome = { kind: 'report'; fileName: string; report: ImportReport } | { kind: 'refused'; error: ContractCallError };

/**
 * "Import FHIR bundle" on the patients page, for administrators: main asks
 * for the file, checks it in a worker and writes it in one transaction; the
 * report (or the refusal) opens in a dialog. Test ids: `fhir-import-open`,
 * `fhir-import-dialog`, `fhir-import-close`.
 */
export function ImportFhirButton() {
  const { t } = useTranslation();
  const { role } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!canImportFhir(role)) return null;

  const run = async () => {
    setBusy(true);
    try {
      const result = await call('fhir.importBundle', {});
      if (!result.cancelled) setOutcome({ kind: 'report', fileName: result.fileName, report: result.report });
    } catch (error) {
      setOutcome({ kind: 'refused', error: toContractCallError(error) });
    } finally {
      setBusy(false);
    }
  };
  const close = () => setOutcome(null);

  return (
    <>
      <Button size="large" icon={<CloudUploadOutlined aria-hidden />} loading={busy} onClick={() => void run()} data-testid="fhir-import-open">
        {busy ? t('fhir.import.importing') : t('fhir.import.button')}
      </Button>
      <Modal
        open={outcome !== null}
        title={t('fhir.import.title')}
        width={860}
        onCancel={close}
        footer={
          <Button onClick={close} data-testid="fhir-import-close">
            {t('fhir.import.close')}
          </Button>
        }
        data-testid="fhir-import-dialog"
      >
        {outcome?.kind === 'report' && <ImportReportView fileName={outcome.fileName} report={outcome.report} onOpenPatient={close} />}
        {outcome?.kind === 'refused' && <ImportRefusal error={outcome.error} />}
      </Modal>
    </>
  );
}
