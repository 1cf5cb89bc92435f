import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../preload/contract/index.ts';

export function VerificationText({ verification: { ok, rows, problem } }: { verification: ResponseOf<'audit.verify'> }) {
  const { t } = useTranslation();
  if (ok) return t('admin.audit.verifyOk', { rows });
  if (!problem) return t('admin.audit.verifyBrokenUnknown');
  return t('admin.audit.verifyBroken', { seq: problem.seq, kind: t(`admin.audit.problems.${problem.kind}`) });
}
