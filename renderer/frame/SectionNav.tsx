import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { SectionNavLink } from './SectionNavLink.tsx';
import type { Section, SectionId } from './sections.ts';
import { sectionShortcut } from './useSectionShortcuts.ts';

export const SECTION_NAV_ID = 'section-nav';

/** The sections the signed-in role may open, in order. */
export function SectionNav({ sections, active, collapsed }: { sections: readonly Section[]; active: SectionId; collapsed: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <nav id={SECTION_NAV_ID} aria-label={t('frame.navigation')}>
      <ul style={{ listStyle: 'none', margin: 0, padding: token.paddingXS, display: 'grid', gap: token.marginXXS }}>
        {sections.map((section, index) => (
          <li key={section.id}>
            <SectionNavLink section={section} shortcut={sectionShortcut(index)} active={section.id === active} collapsed={collapsed} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
