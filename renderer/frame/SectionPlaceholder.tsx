import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { sectionById, type SectionId } from './sections.ts';

/** Stands in for a section that is not built yet: says so plainly, shows no sample data. */
export function SectionPlaceholder({ section }: { section: SectionId }) {
  const { t } = useTranslation();
  const { Icon } = sectionById(section);
  return (
    <Result
      icon={<Icon aria-hidden />}
      title={
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t(`sections.${section}`)}
        </Typography.Title>
      }
      subTitle={t('sections.laterRelease')}
    />
  );
}
