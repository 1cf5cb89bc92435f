import initial from './001-initial.ts';
import patients from './002-patients.ts';
import changeCapture from './003-change-capture.ts';
import patientRegister from './004-patient-register.ts';
import schedule from './005-schedule.ts';
import type { Migration } from './migration.ts';

/** In order, numbered 1..n without gaps; the schema version is the last one's. */
export const MIGRATIONS: readonly Migration[] = [initial, patients, changeCapture, patientRegister, schedule];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type { Migration };
