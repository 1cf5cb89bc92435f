import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../preload/contract/audit.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { downloadText } from './downloadText.ts';

/** Exports every entry matching the filter (not just the page shown), under the file name main chose. */
export function ExportCsvButton({ filter, onExported }: { filter: AuditFilter; onExported: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);

  const exportCsv = async () => {
    setPending(true);
    try {
      const { fileName, csv } = await call('audit.exportCsv', filter);
      downloadText(fileName, csv, 'text/csv;charset=utf-8');
      onExported();
    } catch (error) {
      void message.error(t('admin.audit.exportFailed', { reason: errorMessage(t, error) }));
    } finally {
      setPending(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={pending} onClick={() => void exportCsv()} data-testid="audit-export">
      {t('admin.audit.export')}
    </Button>
  );
}
