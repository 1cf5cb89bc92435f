import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { maskIdentifier } from '../format/maskIdentifier.ts';

/** The ID number masked until asked for, so it is not read off the screen in passing. */
export function MaskedIdentifier({ identifier }: { identifier: NonNullable<Patient['identifier']> }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  return (
    <Space size={4}>
      <span>{t(`patients.idTypes.${identifier.type}`)}</span>
      <span data-testid="patient-view-id" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {revealed ? identifier.value : maskIdentifier(identifier.value)}
      </span>
      <Button
        type="text"
        size="small"
        icon={revealed ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
        aria-label={revealed ? t('patients.view.hideId') : t('patients.view.revealId')}
        aria-pressed={revealed}
        onClick={() => setRevealed(!revealed)}
        data-testid="patient-view-id-reveal"
      />
    </Space>
  );
}
