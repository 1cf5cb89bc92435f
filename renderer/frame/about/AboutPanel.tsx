import { Button, Flex, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppInfoList } from './AppInfoList.tsx';
import { HealthReport } from './HealthReport.tsx';

/** Version and self-check results for the desk and for IT. Asks main afresh each time it opens. */
export function AboutPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('about.title')}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('about.close')}
        </Button>
      }
    >
      <Flex vertical gap="large" data-testid="about-panel">
        <AppInfoList />
        <HealthReport />
      </Flex>
    </Modal>
  );
}
