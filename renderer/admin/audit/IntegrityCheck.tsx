import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../preload/contract/index.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { VerificationText } from './VerificationText.tsx';

type Verification = ResponseOf<'audit.verify'>;

/** Asks main to walk the audit trail's hash chain and says whether it is intact, or where and how it breaks. */
export function IntegrityCheck() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Verification>();

  const verify = async () => {
    setPending(true);
    setResult(undefined);
    try {
      setResult(await call('audit.verify', {}));
    } catch (error) {
      void message.error(t('admin.audit.verifyFailed', { reason: errorMessage(t, error) }));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={pending} onClick={() => void verify()} data-testid="audit-verify">
        {t('admin.audit.verify')}
      </Button>
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          role="status"
          title={<VerificationText verification={result} />}
          data-testid="audit-verify-result"
          data-status={result.ok ? 'ok' : 'broken'}
        />
      )}
    </>
  );
}
