import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ErrorFallback } from './ErrorFallback.tsx';

/** Last line of defence: a crash anywhere shows a reload notice instead of a blank window. */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary
      fallback={() => (
        <ErrorFallback
          title={t('fallback.appTitle')}
          message={t('fallback.appMessage')}
          actionLabel={t('fallback.reload')}
          // A full reload also re-reads settings and session; the hash keeps the current section.
          onAction={() => window.location.reload()}
        />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
