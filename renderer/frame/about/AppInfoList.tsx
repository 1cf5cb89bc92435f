import { Descriptions, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../platform/useCall.ts';
import { CallFailedNotice } from './CallFailedNotice.tsx';

export function AppInfoList() {
  const { t } = useTranslation();
  const { value: info, error, reload } = useCall('app.info', {});
  if (error) return <CallFailedNotice error={error} onRetry={reload} />;
  if (!info) return <Skeleton active paragraph={{ rows: 4 }} />;
  const notApplicable = t('about.info.notApplicable');
  return (
    <Descriptions
      title={t('about.info.title')}
      column={1}
      size="small"
      bordered
      items={[
        { key: 'name', label: t('about.info.name'), children: info.name },
        { key: 'version', label: t('about.info.version'), children: info.version },
        { key: 'electron', label: t('about.info.electron'), children: info.runtime.electron ?? notApplicable },
        { key: 'chrome', label: t('about.info.chrome'), children: info.runtime.chrome ?? notApplicable },
        { key: 'node', label: t('about.info.node'), children: info.runtime.node },
        { key: 'platform', label: t('about.info.platform'), children: `${info.platform} (${info.arch})` },
        {
          key: 'setup',
          label: t('about.info.clinicSetup'),
          children: info.initialized ? t('about.info.setupDone') : t('about.info.setupPending'),
        },
      ]}
    />
  );
}
