import type { TFunction } from 'i18next';
import type { SyncProblemCode, SyncProblemDetail } from '../../preload/contract/sync.ts';

/**
 * A sync failure in the UI language: the code's sentence, then what main knew of it (HTTP status, the service's
 * error code, the SQLite code) for IT to look up.
 */
export function problemText(t: TFunction, problem: { code: SyncProblemCode; detail: SyncProblemDetail }): string {
  const text = t(`sync.problems.codes.${problem.code}`);
  const { httpStatus, serviceCode, sqliteCode } = problem.detail;
  const details = [
    httpStatus === undefined ? null : t('sync.problems.detail.httpStatus', { httpStatus }),
    serviceCode === undefined ? null : t('sync.problems.detail.serviceCode', { serviceCode }),
    sqliteCode === undefined ? null : t('sync.problems.detail.sqliteCode', { sqliteCode }),
  ].filter((detail) => detail !== null);
  return details.length === 0 ? text : t('sync.problems.detail.withDetail', { text, detail: details.join(t('sync.problems.detail.separator')) });
}
