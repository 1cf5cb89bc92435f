import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useBreakGlassActive } from './useBreakGlassActive.ts';

/** Across the top of the frame for as long as emergency access lasts, so nobody forgets it is on. */
export function BreakGlassBanner() {
  const { t } = useTranslation();
  const until = useBreakGlassActive();
  if (until === null) return null;
  const end = dayjs(until);
  const time = end.isSame(dayjs(), 'day') ? end.format('HH:mm') : end.format('YYYY-MM-DD HH:mm');
  return <Alert type="error" banner showIcon title={t('session.breakGlass.banner', { time })} data-testid="breakglass-banner" />;
}
