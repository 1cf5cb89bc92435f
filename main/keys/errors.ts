/** Failures of the keyring. Messages are fixed and never name a user or echo a secret. */
export const KEYRING_ERROR_CODES = [
  'WRONG_CREDENTIALS',
  'LOCKED_OUT',
  'ACCOUNT_DISABLED',
  'WRONG_RECOVERY_KEY',
  'INVALID_RECOVERY_KEY',
  'WRONG_KEY',
  'UNKNOWN_USER',
  'KEYRING_EXISTS',
  'KEYRING_MISSING',
  'KEYRING_CORRUPT',
  'KEYRING_TAMPERED',
  'KEYRING_PROTECTED',
  'NO_ROTATION',
  'ROTATION_PENDING',
] as const;
export type KeyringErrorCode = (typeof KEYRING_ERROR_CODES)[number];

const MESSAGES: Record<KeyringErrorCode, string> = {
  WRONG_CREDENTIALS: 'The username or password is incorrect.',
  LOCKED_OUT: 'Too many failed attempts; the account is locked for a while.',
  ACCOUNT_DISABLED: 'This account is disabled.',
  WRONG_RECOVERY_KEY: 'The recovery key does not belong to this workstation.',
  INVALID_RECOVERY_KEY: 'The recovery key is mistyped.',
  WRONG_KEY: 'The database key does not match the keyring.',
  UNKNOWN_USER: 'No such user in the keyring.',
  KEYRING_EXISTS: 'A keyring already exists in this data folder.',
  KEYRING_MISSING: 'No keyring in this data folder.',
  KEYRING_CORRUPT: 'The keyring file is damaged.',
  KEYRING_TAMPERED: 'The keyring file was modified outside the application.',
  KEYRING_PROTECTED: 'The keyring is protected by the operating system and cannot be read here.',
  NO_ROTATION: 'No key rotation is in progress.',
  ROTATION_PENDING: 'A key rotation is already in progress.',
};

export class KeyringError extends Error {
  readonly code: KeyringErrorCode;
  /** Non-identifying facts, e.g. `minutesRemaining` of a lockout. */
  readonly details: Readonly<Record<string, number>>;

  constructor(code: KeyringErrorCode, details: Readonly<Record<string, number>> = {}, options: { cause?: unknown } = {}) {
    super(MESSAGES[code], options);
    this.name = 'KeyringError';
    this.code = code;
    this.details = details;
  }
}
