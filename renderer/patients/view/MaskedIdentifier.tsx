import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { maskIdentifier } from '../format/maskIdentifier.ts';

/**
 * The ID number masked until asked for, so it is not read off the screen in
 * passing. Showing it in full is an audited read of its own
 * (`patients.revealIdentifier`, “identifier revealed”), asked of main each time.
 */
export function MaskedIdentifier({ patientId, identifier }: { patientId: string; identifier: NonNullable<Patient['identifier']> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<string>();
  const [revealing, setRevealing] = useState(false);

  const toggle = async () => {
    if (revealed !== undefined) {
      setRevealed(undefined);
      return;
    }
    setRevealing(true);
    try {
      const full = await call('patients.revealIdentifier', { id: patientId });
      setRevealed(full?.value ?? '');
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setRevealing(false);
    }
  };

  return (
    <Space size={4}>
      <span>{t(`patients.idTypes.${identifier.type}`)}</span>
      <span data-testid="patient-view-id" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {revealed ?? maskIdentifier(identifier.value)}
      </span>
      <Button
        type="text"
        size="small"
        loading={revealing}
        icon={revealed !== undefined ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
        aria-label={revealed !== undefined ? t('patients.view.hideId') : t('patients.view.revealId')}
        aria-pressed={revealed !== undefined}
        onClick={() => void toggle()}
        data-testid="patient-view-id-reveal"
      />
    </Space>
  );
}
