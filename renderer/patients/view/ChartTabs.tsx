import { ClockCircleOutlined } from '@ant-design/icons';
import { Result, Tabs, theme } from 'antd';
import { useTranslation } from 'react-i18next';

const AREAS = ['timeline', 'encounters', 'vitals', 'problems', 'medications', 'documents', 'imaging', 'appointments'] as const;

/** The chart's areas, named now so the layout is settled; each says plainly that it is not built yet. */
export function ChartTabs() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Tabs
      aria-label={t('patients.chart.label')}
      items={AREAS.map((area) => ({
        key: area,
        label: <span data-testid={`patient-tab-${area}`}>{t(`patients.chart.tabs.${area}`)}</span>,
        children: (
          <Result
            icon={<ClockCircleOutlined aria-hidden style={{ color: token.colorTextQuaternary }} />}
            title={t(`patients.chart.tabs.${area}`)}
            subTitle={t('patients.chart.later')}
          />
        ),
      }))}
    />
  );
}
