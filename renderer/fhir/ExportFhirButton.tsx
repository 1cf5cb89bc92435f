import { ExportOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FHIR_EMBEDDED_FILE_MAX_BYTES } from '../../preload/contract/fhir.ts';
import { call } from '../platform/api.ts';
import { errorMessage } from '../platform/errorMessage.ts';
import { useSession } from '../session/SessionContext.ts';
import { canExportFhir } from './fhirPermissions.ts';

/**
 * "Export FHIR" on the patient view: main asks where to save and writes the
 * chart as a validated FHIR R4 Bundle, documents' files included. When some
 * were too large to embed, the outcome is a warning that counts them.
 * Shown to physicians and administrators.
 * Test ids: `fhir-export` (the button), `fhir-export-result` (the outcome message).
 */
export function ExportFhirButton({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { role } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!canExportFhir(role)) return null;

  const run = async () => {
    setBusy(true);
    try {
      const result = await call('fhir.exportChart', { patientId });
      if (result.cancelled) return;
      const count = Object.values(result.resources).reduce((sum, n) => sum + n, 0);
      const done = t('fhir.export.done', { fileName: result.fileName, count });
      if (result.documentsWithoutContent === 0) void message.success(<span data-testid="fhir-export-result">{done}</span>);
      else void message.warning(<span data-testid="fhir-export-result">{`${done} ${t('fhir.export.withoutContent', { count: result.documentsWithoutContent, limit: FHIR_EMBEDDED_FILE_MAX_BYTES / 1024 / 1024 })}`}</span>);
    } catch (error) {
      void message.error(<span data-testid="fhir-export-result">{t('fhir.export.failed', { reason: errorMessage(t, error) })}</span>);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<ExportOutlined aria-hidden />} loading={busy} onClick={() => void run()} data-testid="fhir-export">
      {busy ? t('fhir.export.exporting') : t('fhir.export.button')}
    </Button>
  );
}
