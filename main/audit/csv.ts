import type { AuditEntry } from '../../preload/contract/audit.ts';

const COLUMNS: ReadonlyArray<[string, (entry: AuditEntry) => string | number | boolean | null]> = [
  ['seq', (e) => e.seq],
  ['time', (e) => new Date(e.at).toISOString()],
  ['user_id', (e) => e.userId],
  ['username', (e) => e.username],
  ['role', (e) => e.role],
  ['action', (e) => e.action],
  ['entity_type', (e) => e.entityType],
  ['entity_id', (e) => e.entityId],
  ['patient_id', (e) => e.patientId],
  ['outcome', (e) => e.outcome],
  ['break_glass', (e) => e.breakGlass],
  ['detail', (e) => e.detail],
];

/**
 * RFC 4180 CSV. Cells a spreadsheet would run as a formula (= + - @, tab, CR)
 * get a leading apostrophe: a break-glass reason is typed by a person.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const entry of entries) lines.push(COLUMNS.map(([, value]) => cell(value(entry))).join(','));
  // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
