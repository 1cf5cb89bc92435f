import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ErrorFallback } from './ErrorFallback.tsx';

/** Keeps a failing section from taking the navigation and header down with it. */
export function SectionErrorBoundary({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary
      fallback={(reset) => (
        <ErrorFallback title={t('fallback.sectionTitle')} message={t('fallback.sectionMessage')} actionLabel={t('fallback.retry')} onAction={reset} />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
