import type { HTMLAttributes } from 'react';

/** Table `onRow` props naming a row for the end-to-end tests (TypeScript's HTML attribute types omit `data-*`). */
export function rowTestId(testId: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': testId } as HTMLAttributes<HTMLElement>;
}
