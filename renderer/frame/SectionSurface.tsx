import { theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionId } from './sections.ts';

/** A section's root: the e2e hook, its landmark name, and a background painted in the section's own theme. */
export function SectionSurface({ id, children }: { id: SectionId; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <section
      data-testid={`section-${id}`}
      aria-label={t(`sections.${id}`)}
      style={{ minHeight: '100%', boxSizing: 'border-box', padding: token.paddingLG, background: token.colorBgLayout, color: token.colorText }}
    >
      {children}
    </section>
  );
}
