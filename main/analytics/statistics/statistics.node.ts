import type Database from '@signalapp/sqlcipher';
import type { Grouping, StatisticsGroup, StatisticsRequest, StatisticsResult } from '../../../preload/contract/analytics.ts';
import { ageBand, monthOf } from './age.ts';
import { icd10Chapter } from './icd10.ts';
import { subjectRows, type SubjectRow } from './rows.node.ts';
import { summarizeMeasure } from './summarize.ts';

/** The group keys of a row: one, or one per distinct diagnosis (null when it has none). */
function keysOf(row: SubjectRow, groupBy: Grouping): Array<string | null> {
  switch (groupBy) {
    case 'none':
      return ['all'];
    case 'sex':
      return [row.sex];
    case 'ageBand':
      return [ageBand(row.age)];
    case 'provider':
      return [row.provider];
    case 'month':
      return [monthOf(row.at)];
    case 'diagnosisCode':
      return row.codes.length ? [...new Set(row.codes.map((code) => code.toUpperCase()))] : [null];
    case 'diagnosisChapter':
      // A code of no chapter is kept visible as its own group rather than dropped.
      return row.codes.length ? [...new Set(row.codes.map((code) => icd10Chapter(code) ?? `? ${code.toUpperCase()}`))] : [null];
  }
}

/** Group-by summaries in the store worker: SQL reads the rows, this groups and summarises them. */
export function summarizeStatistics(db: Database, request: StatisticsRequest, now: number): StatisticsResult {
  const rows = subjectRows(db, request.subject, request.filters, now);
  const groups = new Map<string | null, SubjectRow[]>();
  let overlapping = false;
  for (const row of rows) {
    const keys = keysOf(row, request.groupBy);
    if (keys.length > 1) overlapping = true;
    for (const key of keys) {
      const members = groups.get(key) ?? [];
      members.push(row);
      groups.set(key, members);
    }
  }
  const summaries: StatisticsGroup[] = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en', { numeric: true })))
    .map(([key, members]) => ({
      key,
      count: members.length,
      measures: request.measures.map((measure) => summarizeMeasure(measure, members.map((row) => (measure === 'age' ? row.age : row.vitals[measure])))),
    }));
  return { subject: request.subject, groupBy: request.groupBy, total: rows.length, overlapping, groups: summaries };
}
