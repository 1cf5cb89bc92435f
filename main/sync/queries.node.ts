import type Database from '@signalapp/sqlcipher';
import { adoptStation, issueStation } from '../patients/mrn.node.ts';
import type { PullBlockReason, SyncProblemCode, SyncSettings, TargetConfigInput } from '../../preload/contract/sync.ts';
import type { QueryModule } from '../store/interface.ts';
import { FILE_KEY_SECRET } from '../files/file-key.node.ts';
import { StoreError } from '../store/errors.ts';
import { clinicKey, ensureClinicKey, storeClinicKey } from './clinic-key.node.ts';
import type { EnrolmentPayload } from './enrolment.ts';
import { markRevoked, revokedAt } from './entities/workstation.node.ts';
import { recordChange } from './outbox.node.ts';
import { pullBlocks } from './pull-blocks.node.ts';
import { pendingPush } from './push-state.node.ts';
import type { TargetCredentials } from './s3-target.ts';
import { listTargets, removeTarget, saveTarget, targetCredentials } from './targets.node.ts';

export interface TargetOverview {
  id: string;
  name: string;
  config: TargetConfigInput;
  hasCredentials: boolean;
  lastSuccessAt: number | null;
  stoppedCode: SyncProblemCode | null;
  pendingChanges: number;
  pendingBytes: number;
}

export type WorkstationOverview = {
  id: string;
  name: string;
  nextObject: number | null;
  changesApplied: number;
  lastPulledAt: number | null;
  revokedAt: number | null;
  blocked: { object: number; reason: PullBlockReason } | null;
};

/** The sync store methods main calls: `store.methods.sync.…`. The worker has its own connection and uses the modules directly. */
export const syncQueries = {
  overview(db: Database): { enrolled: boolean; settings: SyncSettings; paused: boolean; targets: TargetOverview[]; workstations: WorkstationOverview[] } {
    const row = db.prepare('SELECT settings, paused FROM sync_settings WHERE id = 1').get<{ settings: string; paused: number }>()!;
    const targets = listTargets(db).map((target) => ({
      id: target.id,
      name: target.name,
      config: { ...target.config, endpoint: target.config.endpoint ?? '' },
      hasCredentials: targetCredentials(db, target.id) !== null,
      lastSuccessAt: target.lastSuccessAt,
      stoppedCode: target.stoppedCode,
      ...(({ changes, bytes }) => ({ pendingChanges: changes, pendingBytes: bytes }))(pendingPush(db, target.id)),
    }));
    const first = targets[0]?.id ?? '';
    const blocks = pullBlocks(db);
    const workstations = db
      .prepare(
        `SELECT w.id, w.name, w.revoked_at AS revokedAt, c.next_object AS nextObject, coalesce(c.changes_applied, 0) AS changesApplied, c.last_pulled_at AS lastPulledAt
          FROM (SELECT id, name, revoked_at FROM sync_workstations
                UNION SELECT workstation_id, '', NULL FROM sync_cursors WHERE workstation_id NOT IN (SELECT id FROM sync_workstations)
                UNION SELECT workstation_id, '', NULL FROM sync_pull_blocks WHERE workstation_id NOT IN (SELECT id FROM sync_workstations)) w
          LEFT JOIN sync_cursors c ON c.workstation_id = w.id AND c.target_id = $first
          ORDER BY w.id`,
      )
      .all<Omit<WorkstationOverview, 'blocked'>>({ first })
      .map((workstation) => ({ ...workstation, blocked: blocks.get(workstation.id) ?? null }));
    return { enrolled: clinicKey(db) !== null, settings: JSON.parse(row.settings) as SyncSettings, paused: row.paused === 1, targets, workstations };
  },

  saveSettings(db: Database, settings: SyncSettings): SyncSettings {
    db.prepare('UPDATE sync_settings SET settings = ? WHERE id = 1').run([JSON.stringify(settings)]);
    return settings;
  },

  isPaused(db: Database): boolean {
    return db.prepare('SELECT paused FROM sync_settings WHERE id = 1', { pluck: true }).get() === 1;
  },

  setPaused(db: Database, paused: boolean): void {
    db.prepare('UPDATE sync_settings SET paused = ? WHERE id = 1').run([paused ? 1 : 0]);
  },

  /** The first target of a clinic also creates its sync key. */
  saveTarget(db: Database, target: { id: string; name: string; config: TargetConfigInput; credentials: TargetCredentials | null }, now: number): void {
    saveTarget(db, { ...target, config: { ...target.config, endpoint: target.config.endpoint || null } }, now);
    ensureClinicKey(db, now);
  },

  removeTarget(db: Database, id: string): void {
    if (!removeTarget(db, id)) throw new StoreError('NOT_FOUND', { reason: 'no target' });
  },

  credentials(db: Database, targetId: string): TargetCredentials | null {
    return targetCredentials(db, targetId);
  },

  /** What an enrolment file carries: the clinic key and the targets with their credentials. Null before the clinic has a key. */
  enrolmentPayload(db: Database, now: number): EnrolmentPayload | null {
    const key = clinicKey(db);
    if (!key) return null;
    const clinicName = db.prepare('SELECT clinic_name FROM meta WHERE id = 1', { pluck: true }).get() as string;
    const targets = listTargets(db).flatMap((target) => {
      const credentials = targetCredentials(db, target.id);
      return credentials ? [{ id: target.id, name: target.name, config: target.config, credentials }] : [];
    });
    const fileKey = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([FILE_KEY_SECRET]);
    // Only a file that can be used hands out a station: without targets the service refuses to write one.
    const station = targets.length > 0 ? issueStation(db, now) : null;
    return { clinicName, clinicKey: key, fileKey: fileKey instanceof Uint8Array ? Buffer.from(fileKey) : null, targets, station };
  },

  /** Joins the clinic an enrolment file describes: its key and targets replace this workstation's. */
  join(db: Database, payload: EnrolmentPayload, now: number): void {
    const existing = clinicKey(db);
    if (existing && !existing.equals(Buffer.from(payload.clinicKey))) throw new StoreError('CONFLICT', { reason: 'another clinic' });
    if (payload.fileKey) {
      const fileKey = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([FILE_KEY_SECRET]);
      // Images stored here under another key would no longer open: such a workstation must be set up afresh to join.
      if (fileKey instanceof Uint8Array && !Buffer.from(fileKey).equals(Buffer.from(payload.fileKey))) throw new StoreError('CONFLICT', { reason: 'file key' });
      db.prepare('INSERT OR IGNORE INTO secrets (name, value, updated_at) VALUES (?, ?, ?)').run([FILE_KEY_SECRET, new Uint8Array(payload.fileKey), now]);
    }
    storeClinicKey(db, payload.clinicKey, now);
    adoptStation(db, payload.station);
    for (const target of payload.targets) saveTarget(db, target, now);
  },

  revokeWorkstation(db: Database, id: string, now: number): boolean {
    const self = db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get();
    if (self === id) return false;
    // The first revocation stands: a later one would let through more of what the workstation uploaded since.
    if (revokedAt(db, id) !== null) throw new StoreError('CONFLICT', { reason: 'already revoked' });
    markRevoked(db, id, now, now);
    // Every workstation learns it (entities/workstation.node.ts), the revoked one included.
    recordChange(db, { entity: 'workstation', entityId: id, op: 'upsert', fields: { revokedAt: now } }, now);
    return true;
  },
} satisfies QueryModule;
