/** The recovery key as main returned it, with what the printout states about it. */
export interface IssuedKey {
  readonly recoveryKey: string;
  readonly clinicName: string;
  readonly issuedAt: number;
}
