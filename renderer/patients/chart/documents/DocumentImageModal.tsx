import { Alert, Flex, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartDocument } from '../../../../preload/contract/chart.ts';
import { call, toContractCallError } from '../../../platform/api.ts';
import { failureText } from '../forms/failureText.ts';

/** An attached image, decrypted by main for this view only; the object URL is released on close. Test id: `document-image`. */
export function DocumentImageModal({ document, onClose }: { document: ChartDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let objectUrl: string | undefined;
    let current = true;
    call('chart.documents.image', { id: document.id }).then(
      ({ mediaType, base64 }) => {
        if (!current) return;
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        objectUrl = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
        setUrl(objectUrl);
      },
      (thrown: unknown) => current && setError(failureText(t, toContractCallError(thrown))),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [document.id, t]);

  return (
    <Modal open title={document.title} onCancel={onClose} footer={null} width={900} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && !url && (
        <Flex justify="center">
          <Spin />
        </Flex>
      )}
      {url && <img src={url} alt={document.title} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} data-testid="document-image" />}
    </Modal>
  );
}
