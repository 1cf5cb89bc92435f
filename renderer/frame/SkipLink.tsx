import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * First stop for the Tab key; hidden until focused. A button rather than an
 * `#main-content` link, because the hash is the router's.
 */
export function SkipLink({ onActivate }: { onActivate: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" className="skip-link" onClick={onActivate}>
      {t('frame.skipToContent')}
    </Button>
  );
}
