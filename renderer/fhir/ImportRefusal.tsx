import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractCallError } from '../platform/api.ts';
import { errorMessage } from '../platform/errorMessage.ts';

const ISSUE_CODES = ['TOO_LARGE', 'TOO_DEEP', 'NOT_JSON', 'NOT_BUNDLE', 'SCHEMA', 'NO_PATIENT', 'PATIENT'] as const;
type IssueCode = (typeof ISSUE_CODES)[number];
const isIssueCode = (code: string): code is IssueCode => (ISSUE_CODES as readonly string[]).includes(code);

/**
 * Why an import wrote nothing: for a refused file, each problem with where it
 * is in the bundle (main never quotes the file's values). Test id: `fhir-import-refused`.
 */
export function ImportRefusal({ error }: { error: ContractCallError }) {
  const { t } = useTranslation();
  if (error.code === 'CONFLICT' && error.details.reason === 'ambiguous-match') {
    return <Alert type="error" showIcon title={t('fhir.import.ambiguous')} data-testid="fhir-import-refused" />;
  }
  if (error.code !== 'VALIDATION') {
    return <Alert type="error" showIcon title={t('fhir.import.failed', { reason: errorMessage(t, error) })} data-testid="fhir-import-refused" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="fhir-import-refused"
      title={t('fhir.import.refusedTitle')}
      description={
        <>
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {error.fields.map((issue, i) => (
              <li key={i}>
                {isIssueCode(issue.code) ? t(`fhir.import.issues.${issue.code}`) : issue.code}
                {issue.path && <Typography.Text code>{issue.path}</Typography.Text>} <Typography.Text type="secondary">{issue.message}</Typography.Text>
              </li>
            ))}
          </ul>
          <Typography.Text>{t('fhir.import.refusedHint')}</Typography.Text>
        </>
      }
    />
  );
}
