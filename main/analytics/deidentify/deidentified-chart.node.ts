import type Database from '@signalapp/sqlcipher';
import type { Bundle } from '@medplum/fhirtypes';
import type { AuditInput } from '../../audit/queries.node.ts';
import { chartToBundle } from '../../fhir/chart-to-bundle.ts';
import { chartSnapshot } from '../../fhir/reads.node.ts';
import { dateShiftFor } from './date-shifts.node.ts';
import { deidentifyBundle, pseudonymousId } from './deidentify-bundle.ts';
import { identifyingValues } from './identifying-values.ts';

export interface DeidentifiedChart {
  bundle: Bundle;
  /** The patient's id in `bundle`. */
  patientPseudonym: string;
  pseudonym: (storeId: string) => string;
}

/**
 * A patient's chart (the FHIR mapping's bundle) de-identified for leaving the
 * workstation, read in the caller's transaction with its audit entry. Null
 * for an unknown or merged patient.
 */
export function deidentifiedChart(db: Database, patientId: string, audit: AuditInput, salt: string): DeidentifiedChart | null {
  const snapshot = chartSnapshot(db, patientId, audit);
  if (!snapshot) return null;
  const bundle = deidentifyBundle(chartToBundle(snapshot, { at: audit.at }), {
    shiftDays: dateShiftFor(db, snapshot.patient.id, audit.at),
    identifyingValues: identifyingValues(snapshot.patient),
    salt,
    now: audit.at,
  });
  const pseudonym = (storeId: string) => pseudonymousId(salt, storeId);
  return { bundle, patientPseudonym: pseudonym(snapshot.patient.id), pseudonym };
}
