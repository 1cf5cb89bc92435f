import dayjs from 'dayjs';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { IssuedKey } from './issuedKey.ts';
import { RecoveryKeyDisplay } from './RecoveryKeyDisplay.tsx';

/**
 * What window.print() puts on paper: only this sheet (see `.print-only` in
 * global.css), so the printout carries the key and its context and nothing else.
 */
export function RecoveryKeyPrintout({ issued }: { issued: IssuedKey }) {
  const { t } = useTranslation();
  return createPortal(
    <div className="print-only">
      <h1>{t('session.setup.printHeading')}</h1>
      <p>{t('session.setup.printClinic', { clinic: issued.clinicName })}</p>
      <p>{t('session.setup.printCreated', { date: dayjs(issued.issuedAt).format('YYYY-MM-DD HH:mm') })}</p>
      <RecoveryKeyDisplay recoveryKey={issued.recoveryKey} />
      <p>{t('session.setup.printNote')}</p>
    </div>,
    document.body,
  );
}
