import { InfoCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AboutPanel } from './AboutPanel.tsx';

export function AboutButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<InfoCircleOutlined aria-hidden />} data-testid="about-open" onClick={() => setOpen(true)}>
        {t('about.open')}
      </Button>
      <AboutPanel open={open} onClose={() => setOpen(false)} />
    </>
  );
}
