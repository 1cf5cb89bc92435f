/**
 * Failures of the record store. The message is a fixed sentence per code: SQLite
 * messages can quote SQL and constraint text, so they never leave the worker.
 */
export const STORE_ERROR_CODES = [
  'WRONG_KEY',
  'DB_MISSING',
  'DB_TOO_NEW',
  'MIGRATION_FAILED',
  'NOT_OPEN',
  'ALREADY_OPEN',
  'UNKNOWN_METHOD',
  'CONSTRAINT',
  'NOT_FOUND',
  'CONFLICT',
  'BUSY',
  'CORRUPT',
  'IO',
  'BACKUP_CORRUPT',
  'BACKUP_FOREIGN',
  'BACKUP_TOO_NEW',
  'WORKER_EXITED',
  'INTERNAL',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** Non-identifying facts: SQLite code names, constraint columns, schema versions, log references. */
export type StoreErrorDetails = Readonly<Record<string, string | number>>;

const MESSAGES: Record<StoreErrorCode, string> = {
  WRONG_KEY: 'The database could not be decrypted with this key.',
  DB_MISSING: 'The database file does not exist.',
  DB_TOO_NEW: 'The database was written by a newer version of the application.',
  MIGRATION_FAILED: 'The database could not be upgraded.',
  NOT_OPEN: 'The database is not open.',
  ALREADY_OPEN: 'The database is already open.',
  UNKNOWN_METHOD: 'Unknown store method.',
  CONSTRAINT: 'The change conflicts with a database rule.',
  NOT_FOUND: 'The record does not exist.',
  CONFLICT: 'The record was changed by someone else.',
  BUSY: 'The database is busy.',
  CORRUPT: 'The database file is damaged.',
  IO: 'The database file could not be read or written.',
  BACKUP_CORRUPT: 'The backup file is damaged or is not a workstation backup.',
  BACKUP_FOREIGN: 'The backup belongs to a different workstation key.',
  BACKUP_TOO_NEW: 'The backup was made by a newer version of the application.',
  WORKER_EXITED: 'The database service stopped.',
  INTERNAL: 'An internal database error occurred.',
};

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details: StoreErrorDetails;

  constructor(code: StoreErrorCode, details: StoreErrorDetails = {}, options: { cause?: unknown } = {}) {
    super(MESSAGES[code], options);
    this.name = 'StoreError';
    this.code = code;
    this.details = details;
  }
}

/** What crosses postMessage: no stack, no cause, no SQLite text. */
export interface WireError {
  code: StoreErrorCode;
  message: string;
  details: StoreErrorDetails;
}

export function toWireError(error: StoreError): WireError {
  return { code: error.code, message: error.message, details: error.details };
}

export function fromWireError(wire: WireError): StoreError {
  const code = (STORE_ERROR_CODES as readonly string[]).includes(wire.code) ? wire.code : 'INTERNAL';
  return new StoreError(code, wire.details);
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
