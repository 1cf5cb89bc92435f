import { describe, expect, it } from 'vitest';
import { keyringErrorToAppError } from '../../main/keys/app-error.ts';
import { KeyringError } from '../../main/keys/errors.ts';
import { storeErrorToAppError } from '../../main/store/app-error.ts';
import { StoreError } from '../../main/store/errors.ts';

describe('errors at the contract boundary', () => {
  it('maps store errors to contract codes, keeping the store code as the reason', () => {
    expect(storeErrorToAppError(new StoreError('CONSTRAINT', { sqlite: 'SQLITE_CONSTRAINT_UNIQUE' })).toContractError()).toEqual({
      code: 'CONFLICT',
      message: 'The change conflicts with a database rule.',
      details: { reason: 'CONSTRAINT' },
    });
    expect(storeErrorToAppError(new StoreError('BACKUP_FOREIGN')).toContractError()).toMatchObject({ code: 'VALIDATION', details: { reason: 'BACKUP_FOREIGN' } });
    expect(storeErrorToAppError(new StoreError('WRONG_KEY')).code).toBe('UNAVAILABLE');
    expect(storeErrorToAppError(new StoreError('INTERNAL')).code).toBe('INTERNAL');
  });

  it('maps keyring errors, with the lockout minutes and the recovery-key field', () => {
    expect(keyringErrorToAppError(new KeyringError('LOCKED_OUT', { minutesRemaining: 12 })).toContractError()).toMatchObject({
      code: 'RATE_LIMITED',
      details: { reason: 'LOCKED_OUT', minutesRemaining: 12 },
    });
    expect(keyringErrorToAppError(new KeyringError('WRONG_CREDENTIALS')).code).toBe('UNAUTHENTICATED');
    expect(keyringErrorToAppError(new KeyringError('INVALID_RECOVERY_KEY')).toContractError()).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'recoveryKey', code: 'INVALID_RECOVERY_KEY' }],
    });
  });
});
