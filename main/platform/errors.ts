import type { ContractError, ErrorCode, FieldIssue } from '../../preload/contract/index.ts';

/**
 * An error a handler raises on purpose. Its message goes to the renderer, so it
 * must be written for the user and must never contain patient data.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[] | undefined;
  readonly details: ContractError['details'];

  constructor(code: ErrorCode, message: string, options: { fields?: FieldIssue[]; details?: ContractError['details']; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.details = options.details;
  }

  toContractError(): ContractError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: [{ path, code, message }] });
}
