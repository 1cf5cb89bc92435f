import { Alert } from 'antd';

/** A form's failure, above its fields; announced to screen readers as it appears. */
export function FormErrorAlert({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} data-testid={testId} role="alert" style={{ marginBottom: 16 }} />;
}
