import { Button, Result } from 'antd';

interface Props {
  title: string;
  message: string;
  actionLabel: string;
  onAction: () => void;
}

/** A plain, translated failure notice. Callers pass fixed texts only: never an error's own message, which may hold patient data. */
export function ErrorFallback({ title, message, actionLabel, onAction }: Props) {
  return (
    <div data-testid="error-fallback" role="alert">
      <Result
        status="error"
        title={title}
        subTitle={message}
        extra={
          <Button type="primary" onClick={onAction}>
            {actionLabel}
          </Button>
        }
      />
    </div>
  );
}
