import { AppError } from '../platform/errors.ts';
import { describeError } from '../platform/logger.ts';
import { CliError } from './errors.ts';
import type { CliProcess } from './run.ts';

export function printResult(io: CliProcess, json: boolean, command: string, result: object): void {
  if (json) {
    io.stdout.write(JSON.stringify({ ok: true, command, result }) + '\n');
    return;
  }
  io.stdout.write(formatHuman(result) + '\n');
}

/** Nested objects as indented `key: value` lines, for a person at a terminal. */
function formatHuman(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Object.entries(value)
    .map(([key, child]) =>
      child !== null && typeof child === 'object' ? `${indent}${key}:\n${formatHuman(child, indent + '  ')}` : `${indent}${key}: ${String(child)}`,
    )
    .join('\n');
}

/** Expected failures keep their message; anything else is reported without details that could hold patient data. */
export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof CliError || error instanceof AppError) return { code: error.code, message: error.message };
  const { errorType } = describeError(error);
  return { code: 'INTERNAL', message: `Unexpected failure (${String(errorType)}). Run again with the same arguments; if it persists, contact support.` };
}
