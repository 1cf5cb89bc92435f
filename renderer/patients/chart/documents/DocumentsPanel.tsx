import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartDocument } from '../../../../preload/contract/chart.ts';
import { DOCUMENT_RECORDERS } from '../../../../preload/contract/chart.ts';
import type { Role } from '../../../../preload/contract/roles.ts';
import { FormModal } from '../../../forms/FormModal.tsx';
import { call, toContractCallError } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { failureText } from '../forms/failureText.ts';
import { RemoveEntryModal } from '../forms/RemoveEntryModal.tsx';
import { AttachDocumentForm } from './AttachDocumentForm.tsx';
import { DocumentImageModal } from './DocumentImageModal.tsx';

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Attached PDFs and images, kept encrypted: images open in a viewer, any document can be saved as a copy.
 * Test ids: `document-attach`, `document-table`, `document-view-<id>`, `document-save-<id>`, `document-remove-<id>`, `document-alert`.
 */
export function DocumentsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { role } = useSession();
  const { chart, changed } = useChartView();
  const [attaching, setAttaching] = useState(false);
  const [viewing, setViewing] = useState<ChartDocument>();
  const [removing, setRemoving] = useState<ChartDocument>();
  const [alert, setAlert] = useState<string>();
  const mayWrite = (DOCUMENT_RECORDERS as readonly Role[]).includes(role);

  const saveCopy = async (document: ChartDocument) => {
    setAlert(undefined);
    try {
      if ((await call('chart.documents.saveCopy', { id: document.id })).saved) void message.success(t('chart.documents.saved'));
    } catch (error) {
      setAlert(failureText(t, toContractCallError(error)));
    }
  };

  return (
    <Flex vertical gap="small">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('chart.documents.title')}
        </Typography.Title>
        {mayWrite && (
          <Button icon={<PaperClipOutlined aria-hidden />} onClick={() => setAttaching(true)} data-testid="document-attach">
            {t('chart.documents.attach')}
          </Button>
        )}
      </Flex>
      {alert && <Alert type="error" showIcon title={alert} data-testid="document-alert" closable={{ onClose: () => setAlert(undefined) }} />}
      <Table<ChartDocument>
        rowKey="id"
        size="small"
        dataSource={chart.documents}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('chart.documents.none') }}
        data-testid="document-table"
        columns={[
          { key: 'date', title: t('chart.documents.date'), render: (_, document) => document.date },
          { key: 'title', title: t('chart.documents.documentTitle'), render: (_, document) => document.title },
          { key: 'kind', title: t('chart.documents.kind'), render: (_, document) => t(`chart.documents.kinds.${document.kind}`) },
          { key: 'type', title: t('chart.documents.type'), render: (_, document) => `${document.mediaType === 'application/pdf' ? 'PDF' : document.mediaType === 'image/png' ? 'PNG' : 'JPEG'} · ${sizeText(document.size)}` },
          { key: 'by', title: t('chart.recordedBy'), render: (_, document) => document.recordedBy.name },
          {
            key: 'actions',
            title: '',
            render: (_, document) => (
              <Space size={0}>
                {document.mediaType !== 'application/pdf' && (
                  <Button size="small" type="link" onClick={() => setViewing(document)} data-testid={`document-view-${document.id}`}>
                    {t('chart.documents.view')}
                  </Button>
                )}
                <Button size="small" type="link" onClick={() => void saveCopy(document)} data-testid={`document-save-${document.id}`}>
                  {t('chart.documents.saveCopy')}
                </Button>
                {mayWrite && (
                  <Button size="small" type="link" danger onClick={() => setRemoving(document)} data-testid={`document-remove-${document.id}`}>
                    {t('chart.remove.open')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal open={attaching} title={t('chart.documents.attach')} onClose={() => setAttaching(false)}>
        <AttachDocumentForm
          onCancel={() => setAttaching(false)}
          onSaved={(document) => {
            if (!document) return;
            setAttaching(false);
            changed();
          }}
        />
      </FormModal>
      {viewing && <DocumentImageModal document={viewing} onClose={() => setViewing(undefined)} />}
      <RemoveEntryModal
        open={removing !== undefined}
        title={t('chart.remove.title')}
        subject={removing?.title ?? ''}
        onClose={() => setRemoving(undefined)}
        onRemove={(reason) => call('chart.documents.remove', { id: removing!.id, reason })}
        onRemoved={() => {
          setRemoving(undefined);
          changed();
        }}
      />
    </Flex>
  );
}
