import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { SectionNavLink } from './SectionNavLink.tsx';
import { SECTIONS, type SectionId } from './sections.ts';

export const SECTION_NAV_ID = 'section-nav';

export function SectionNav({ active, collapsed }: { active: SectionId; collapsed: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <nav id={SECTION_NAV_ID} aria-label={t('frame.navigation')}>
      <ul style={{ listStyle: 'none', margin: 0, padding: token.paddingXS, display: 'grid', gap: token.marginXXS }}>
        {SECTIONS.map((section) => (
          <li key={section.id}>
            <SectionNavLink section={section} active={section.id === active} collapsed={collapsed} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
