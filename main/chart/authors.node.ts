import type Database from '@signalapp/sqlcipher';
import type { Author } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';

/** The person behind an audited write, as the chart shows them: the account's display name, copied. */
export function authorOf(db: Database, audit: AuditInput): Author {
  if (!audit.userId) return { userId: null, name: audit.username ?? '' };
  const name = db.prepare('SELECT display_name FROM users WHERE id = ?', { pluck: true }).get([audit.userId]) as string | undefined;
  return { userId: audit.userId, name: name ?? audit.username ?? '' };
}
