import initial from './001-initial.ts';
import patients from './002-patients.ts';
import changeCapture from './003-change-capture.ts';
import patientRegister from './004-patient-register.ts';
import schedule from './005-schedule.ts';
import chart from './006-chart.ts';
import imaging from './007-imaging.ts';
import sync from './008-sync.ts';
import analytics from './009-analytics.ts';
import syncContent from './010-sync-content.ts';
import accountReplication from './011-account-replication.ts';
import analyticsReview from './012-analytics-review.ts';
import recordNumbers from './013-record-numbers.ts';
import concurrentReports from './014-concurrent-reports.ts';
import pacsForwarding from './015-pacs-forwarding.ts';
import syncPullBlocks from './016-sync-pull-blocks.ts';
import syncStateRowid from './017-sync-state-rowid.ts';
import type { Migration } from './migration.ts';

/** In order, numbered 1..n without gaps; the schema version is the last one's. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  patients,
  changeCapture,
  patientRegister,
  schedule,
  chart,
  imaging,
  sync,
  analytics,
  syncContent,
  accountReplication,
  analyticsReview,
  recordNumbers,
  concurrentReports,
  pacsForwarding,
  syncPullBlocks,
  syncStateRowid,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type { Migration };
