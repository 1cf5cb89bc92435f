import type Database from '@signalapp/sqlcipher';
import type { ResourceKind, ScheduleResource } from '../../preload/contract/schedule.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { refuse } from './refusals.ts';
import { HOLDS_SLOT } from './transitions.ts';

export type ResourceDraft = Pick<ScheduleResource, 'id' | 'kind' | 'name' | 'userId' | 'active'>;

type ResourceRow = { id: string; kind: ResourceKind; name: string; user_id: string | null; active: number; created_at: number; updated_at: number };

const toResource = (row: ResourceRow): ScheduleResource => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  userId: row.user_id,
  active: row.active === 1,
  updatedAt: row.updated_at,
});

export function getResourceRow(db: Database, id: string): ResourceRow | null {
  return db.prepare('SELECT * FROM schedule_resources WHERE id = ?').get<ResourceRow>([id]) ?? null;
}

/** Refusals a unique index would also raise, but with a reason the user can act on. */
function checkUnique(db: Database, resource: ResourceDraft): void {
  const sameName = db.prepare('SELECT 1 FROM schedule_resources WHERE kind = $kind AND name = $name COLLATE NOCASE AND id <> $id', { pluck: true });
  if (sameName.get({ kind: resource.kind, name: resource.name, id: resource.id })) throw refuse('CONFLICT', 'name-taken');
  if (resource.userId === null) return;
  const role = db.prepare('SELECT role FROM users WHERE id = ?', { pluck: true }).get([resource.userId]);
  if (role !== 'physician' && role !== 'radiologist') throw refuse('CONFLICT', 'user-not-provider');
  const sameUser = db.prepare('SELECT 1 FROM schedule_resources WHERE user_id = $userId AND id <> $id', { pluck: true });
  if (sameUser.get({ userId: resource.userId, id: resource.id })) throw refuse('CONFLICT', 'user-taken');
}

function write(db: Database, resource: ResourceDraft, at: number): void {
  db.prepare(
    `INSERT INTO schedule_resources (id, kind, name, user_id, active, created_at, updated_at) VALUES ($id, $kind, $name, $userId, $active, $at, $at)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, user_id = excluded.user_id, active = excluded.active, updated_at = excluded.updated_at`,
  ).run({ ...resource, active: resource.active ? 1 : 0, at });
}

/** Providers, rooms and modalities. Every change carries its audit entry and outbox row, in the same transaction. */
export const resourceQueries = {
  listResources(db: Database, includeInactive: boolean): ScheduleResource[] {
    return db
      .prepare(
        `SELECT * FROM schedule_resources WHERE $all OR active = 1
          ORDER BY CASE kind WHEN 'provider' THEN 0 WHEN 'room' THEN 1 ELSE 2 END, name COLLATE NOCASE`,
      )
      .all<ResourceRow>({ all: includeInactive ? 1 : 0 })
      .map(toResource);
  },

  createResource(db: Database, resource: ResourceDraft, audit: AuditInput): ScheduleResource {
    checkUnique(db, resource);
    write(db, resource, audit.at);
    appendAudit(db, { ...audit, entityType: 'schedule_resource', entityId: resource.id, detail: resource.kind });
    const { id, ...fields } = resource;
    recordChange(db, { entity: 'schedule_resource', entityId: id, op: 'upsert', fields }, audit.at);
    return toResource(getResourceRow(db, id)!);
  },

  /** The kind never changes: appointments were booked against it. */
  updateResource(db: Database, resource: ResourceDraft, audit: AuditInput): ScheduleResource {
    const current = getResourceRow(db, resource.id);
    if (!current) throw refuse('NOT_FOUND', 'resource-not-found', { field: 'id' });
    if (current.kind !== resource.kind) throw refuse('CONFLICT', 'kind-change');
    checkUnique(db, resource);
    if (current.active === 1 && !resource.active) refuseWhileBooked(db, resource.id, audit.at);
    write(db, resource, audit.at);
    const before = toResource(current);
    const fields = Object.fromEntries((['name', 'userId', 'active'] as const).filter((key) => before[key] !== resource[key]).map((key) => [key, resource[key]]));
    appendAudit(db, { ...audit, entityType: 'schedule_resource', entityId: resource.id, detail: Object.keys(fields).join(' ') || null });
    recordChange(db, { entity: 'schedule_resource', entityId: resource.id, op: 'upsert', fields }, audit.at);
    return toResource(getResourceRow(db, resource.id)!);
  },
};

/** A resource leaves service only once nothing still to come is booked on it; those appointments move or cancel first. */
function refuseWhileBooked(db: Database, resourceId: string, now: number): void {
  const upcoming = db
    .prepare(
      `SELECT count(*) FROM appointment_resources ar JOIN appointments a ON a.id = ar.appointment_id
        WHERE ar.resource_id = $resourceId AND ar.ends_at > $now AND a.status IN (SELECT value FROM json_each($holding))`,
      { pluck: true },
    )
    .get({ resourceId, now, holding: JSON.stringify(HOLDS_SLOT) }) as number;
  if (upcoming > 0) throw refuse('CONFLICT', 'has-bookings', { upcoming });
}
