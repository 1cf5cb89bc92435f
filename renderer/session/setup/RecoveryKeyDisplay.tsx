/**
 * The key in large monospace groups. Each group and separator is its own span
 * so the element's text is exactly the key as main returned it (copy, tests).
 */
export function RecoveryKeyDisplay({ recoveryKey, testId }: { recoveryKey: string; testId?: string }) {
  const parts = recoveryKey.split(/(-)/);
  return (
    <div className="recovery-key" data-testid={testId}>
      {parts.map((part, index) =>
        part === '-' ? (
          <span key={index} className="recovery-key-dash">
            -
          </span>
        ) : (
          <span key={index} className="recovery-key-group">
            {part}
          </span>
        ),
      )}
    </div>
  );
}
