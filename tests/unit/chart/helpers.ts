import Database from '@signalapp/sqlcipher';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { ChannelName, RequestOf } from '../../../preload/contract/index.ts';
import type { Role } from '../../../preload/contract/roles.ts';
import type { FileDialogs } from '../../../main/platform/dialogs.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

/** Connections signed in as each member of staff; `physician2` is a second physician. */
export type Desk = 'admin' | 'frontdesk' | 'physician' | 'physician2' | 'nurse' | 'radiologist';

const STAFF: ReadonlyArray<{ desk: Desk; role: Role; displayName: string }> = [
  { desk: 'frontdesk', role: 'frontdesk', displayName: 'Desk Zhou' },
  { desk: 'physician', role: 'physician', displayName: '王医生' },
  { desk: 'physician2', role: 'physician', displayName: 'Dr Li' },
  { desk: 'nurse', role: 'nurse', displayName: 'Nurse Xu' },
  { desk: 'radiologist', role: 'radiologist', displayName: 'Dr Rad' },
];
const PASSWORD = 'staff password 123';

export const CHART_TABLES = ['encounters', 'encounter_diagnoses', 'encounter_addenda', 'vital_signs', 'problems', 'allergies', 'medications', 'chart_documents'] as const;
const COUNTED_TABLES = ['outbox', 'patients', ...CHART_TABLES] as const;
export type Footprint = Record<'audit' | (typeof COUNTED_TABLES)[number], number>;

export interface ChartClinic extends TestClinic {
  /** This test's patient (张三, allergies flag 'unknown'), registered afresh for each test. */
  patientId: string;
  /** The physician's account id and their schedule provider resource. */
  physicianUserId: string;
  providerId: string;
  sql<T>(query: string, params?: unknown[]): T[];
  /** Audit entries, outbox rows and chart rows: a refused change adds to none of them. */
  footprint(): Promise<Footprint>;
  /** Calls a channel that must be refused; returns the error. */
  refused<C extends ChannelName>(desk: Desk, channel: C, request: RequestOf<C>): Promise<{ code: string; fields?: Array<{ path: string; code: string; message: string }>; details?: Record<string, unknown> }>;
}

/**
 * One clinic per test file, with every role signed in (connection = desk name) and a provider resource for the
 * physician; each test gets a newly registered patient, so its chart starts empty.
 */
export function useChartClinic(options: { dialogs?: FileDialogs } = {}): () => ChartClinic {
  let clinic: ChartClinic;
  beforeAll(async () => {
    const base = await testClinic({ dialogs: options.dialogs });
    await base.ok('admin', 'session.login', { username: ADMIN.username, password: ADMIN.password });
    const users: Partial<Record<Desk, string>> = {};
    for (const { desk, role, displayName } of STAFF) {
      users[desk] = (await base.ok('admin', 'accounts.create', { username: desk, displayName, role, password: PASSWORD })).id;
      await base.ok(desk, 'session.login', { username: desk, password: PASSWORD });
    }
    const provider = await base.ok('admin', 'schedule.resources.save', { kind: 'provider', name: '王医生 (内科)', userId: users.physician! });
    const sql = <T>(query: string, params: unknown[] = []): T[] => {
      const db = new Database(join(base.dataDir, 'records.db'));
      try {
        db.pragma(`key = "x'${base.services.vault.dbKey.toString('hex')}'"`);
        db.pragma('query_only = ON');
        return db.prepare(query).all(params as never) as T[];
      } finally {
        db.close();
      }
    };
    clinic = Object.assign(base, {
      patientId: '',
      physicianUserId: users.physician!,
      providerId: provider.id,
      sql,
      async footprint() {
        const counts = { audit: (await base.ok('admin', 'audit.query', { limit: 1 })).total } as Footprint;
        for (const table of COUNTED_TABLES) counts[table] = sql<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
        return counts;
      },
      async refused(desk: Desk, channel: ChannelName, request: unknown) {
        const result = await base.call(desk, channel, request as never);
        expect(result.ok, `${channel} should be refused`).toBe(false);
        return (result as { ok: false; error: never }).error;
      },
    }) as ChartClinic;
    // Five accounts and a store: slow when the machine is busy.
  }, 60_000);
  beforeEach(async () => {
    clinic.patientId = (await clinic.ok('frontdesk', 'patients.register', { patient: { fullName: '张三', sex: 'male', birthDate: '1970-03-04' }, confirmedNotDuplicate: true })).id;
  });
  afterAll(() => clinic.cleanup());
  return () => clinic;
}

export interface OutboxRow {
  entity: string;
  entityId: string;
  op: string;
  fields: Record<string, unknown>;
}

export function outbox(clinic: ChartClinic): OutboxRow[] {
  return clinic
    .sql<{ entity: string; entity_id: string; op: string; fields: string }>('SELECT entity, entity_id, op, fields FROM outbox ORDER BY seq')
    .map((row) => ({ entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> }));
}

export interface AuditRow {
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  username: string | null;
  detail: string | null;
}

export function auditRows(clinic: ChartClinic): AuditRow[] {
  return clinic.sql<AuditRow>('SELECT action, entity_type, entity_id, patient_id, username, detail FROM audit ORDER BY seq');
}

/** Text that must be stored verbatim, never interpreted: SQL and markup. */
export const HOSTILE = `Robert'); DROP TABLE encounters;-- <script>alert("x")</script> <img src=x onerror=alert(1)>`;

export const HOUR = 60 * 60_000;
