import { ReloadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../../preload/contract/app.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { useCall } from '../../platform/useCall.ts';
import { CallFailedNotice } from './CallFailedNotice.tsx';

const STATUS_COLORS: Record<Health['status'], string> = { ok: 'success', degraded: 'warning', failed: 'error' };

type KnownCheck = keyof typeof zhCN.about.health.checks;
function isKnownCheck(name: string): name is KnownCheck {
  return Object.hasOwn(zhCN.about.health.checks, name);
}

function StatusTag({ status }: { status: Health['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`about.health.status.${status}`)}</Tag>;
}

/** Main's self-checks. A check's detail is main's short, non-identifying note for IT and is shown as given. */
export function HealthReport() {
  const { t } = useTranslation();
  const { value: health, error, loading, reload } = useCall('app.health', {});
  const recheck = (
    <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={loading} onClick={reload}>
      {t('about.health.recheck')}
    </Button>
  );
  if (error) return <CallFailedNotice error={error} onRetry={reload} />;
  if (!health) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <Descriptions
      title={t('about.health.title')}
      extra={recheck}
      column={1}
      size="small"
      bordered
      items={[
        { key: 'overall', label: t('about.health.overall'), children: <StatusTag status={health.status} /> },
        ...health.checks.map((check, index) => ({
          key: `${check.name}-${index}`,
          label: isKnownCheck(check.name) ? t(`about.health.checks.${check.name}`) : check.name,
          children: (
            <Flex gap="small" align="center" wrap>
              <StatusTag status={check.status} />
              <Typography.Text type="secondary">{check.detail}</Typography.Text>
            </Flex>
          ),
        })),
      ]}
    />
  );
}
