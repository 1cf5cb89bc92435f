import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { VITAL_RANGES, type VitalMeasure } from '../../../../preload/contract/chart.ts';

/** The reasons the chart contract gives its own checks (`params.reason`), each with a message. */
const REASONS = ['future', 'early', 'icd10', 'duplicate', 'empty', 'bpPair', 'bpOrder', 'notResolved', 'beforeOnset', 'endBeforeStart'] as const;
type Reason = (typeof REASONS)[number];

function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}

function isVital(field: string): field is VitalMeasure {
  return Object.hasOwn(VITAL_RANGES, field);
}

/**
 * The translated message of one contract issue on a chart form field; the contract's English text is never shown.
 * `field` is the last segment of the issue's path.
 */
export function issueText(t: TFunction, issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case 'custom': {
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return isReason(reason) ? t(`chart.errors.${reason}`) : t('fieldErrors.invalid');
    }
    case 'too_small':
      if (issue.origin === 'number' && isVital(field)) return t('chart.vitals.range', VITAL_RANGES[field]);
      return issue.origin === 'string' ? t('chart.errors.required') : t('fieldErrors.invalid');
    case 'too_big':
      if (issue.origin === 'number' && isVital(field)) return t('chart.vitals.range', VITAL_RANGES[field]);
      return issue.origin === 'string' ? t('chart.errors.tooLong', { max: Number(issue.maximum) }) : t('fieldErrors.invalid');
    case 'invalid_type':
      return issue.expected === 'int' ? t('chart.errors.wholeNumber') : t('chart.errors.required');
    case 'invalid_format':
      return issue.format === 'regex' ? t('chart.errors.control') : t('chart.errors.date');
    case 'invalid_value':
      return t('chart.errors.choice');
    default:
      return t('fieldErrors.invalid');
  }
}
