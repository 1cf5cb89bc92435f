import type { z } from 'zod';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import { skip } from './entries.ts';

/**
 * An entry whose content fails the chart's own input rules (a range, a date
 * in the future, a field too long): skipped, naming the first rule and the
 * FHIR element it came from, never the value.
 */
export function invalid(index: number, resourceType: string, error: z.ZodError, pointers: Record<string, string>): ImportEntry {
  const issue = error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return skip(index, resourceType, 'invalid-value', `${where}${issue.message}`, pointers[field] ?? null);
}
