import { Flex, Spin } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionErrorBoundary } from '../errors/SectionErrorBoundary.tsx';
import { DarkThemeScope } from '../theme/DarkThemeScope.tsx';
import { SectionSurface } from './SectionSurface.tsx';
import { sectionById, type SectionId } from './sections.ts';

/** Renders the current section inside its own error boundary and, for imaging, the dark theme. */
export function SectionOutlet({ section }: { section: SectionId }) {
  const { t } = useTranslation();
  const { id, Page, alwaysDark } = sectionById(section);

  useEffect(() => {
    // The window title names the section, for the taskbar and screen readers.
    document.title = `${t(`sections.${id}`)} · ${t('app.name')}`;
  }, [id, t]);

  const surface = (
    <SectionSurface id={id}>
      {/* Keyed so that leaving a failed section and coming back starts it afresh. */}
      <SectionErrorBoundary key={id}>
        <Suspense
          fallback={
            <Flex justify="center" role="status" aria-label={t('sections.loading')}>
              <Spin />
            </Flex>
          }
        >
          <Page />
        </Suspense>
      </SectionErrorBoundary>
    </SectionSurface>
  );
  return alwaysDark ? <DarkThemeScope>{surface}</DarkThemeScope> : surface;
}
