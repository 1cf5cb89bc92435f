import { Layout, theme } from 'antd';
import { useCallback, useMemo, useRef } from 'react';
import { usePreferences } from '../preferences/PreferencesContext.ts';
import { BreakGlassBanner } from '../session/breakglass/BreakGlassBanner.tsx';
import { useSession } from '../session/SessionContext.ts';
import { FrameHeader } from './FrameHeader.tsx';
import { SectionNav } from './SectionNav.tsx';
import { SectionOutlet } from './SectionOutlet.tsx';
import { SkipLink } from './SkipLink.tsx';
import { sectionsFor, type SectionId } from './sections.ts';
import { goToSection, useHashSection } from './useHashSection.ts';
import { useSectionShortcuts } from './useSectionShortcuts.ts';

/** Header, side navigation and the current section; only the section area scrolls. Rendered only for an active session. */
export function WorkstationFrame() {
  const { role } = useSession();
  const sections = useMemo(() => sectionsFor(role), [role]);
  const section = useHashSection(sections);
  const { navCollapsed } = usePreferences();
  const { token } = theme.useToken();
  const mainRef = useRef<HTMLElement>(null);

  const focusMain = useCallback(() => mainRef.current?.focus(), []);
  const jumpTo = useCallback(
    (id: SectionId) => {
      goToSection(id);
      focusMain(); // a keyboard jump lands the user in the section, not back at the top of the page
    },
    [focusMain],
  );
  useSectionShortcuts(sections, jumpTo);

  return (
    <Layout data-testid="app-frame" style={{ height: '100vh' }}>
      <SkipLink onActivate={focusMain} />
      <BreakGlassBanner />
      <FrameHeader />
      <Layout>
        <Layout.Sider
          theme="light"
          collapsed={navCollapsed}
          trigger={null}
          width={208}
          collapsedWidth={64}
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, overflowY: 'auto' }}
        >
          <SectionNav sections={sections} active={section} collapsed={navCollapsed} />
        </Layout.Sider>
        <Layout.Content id="main-content" ref={mainRef} tabIndex={-1} style={{ overflow: 'auto' }}>
          <SectionOutlet section={section} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
