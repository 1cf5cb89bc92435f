import { afterEach, beforeEach } from 'vitest';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import type { RequestOf } from '../../../preload/contract/index.ts';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import type { Role } from '../../../preload/contract/roles.ts';
import type { ScheduleResource } from '../../../preload/contract/schedule.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

/** Connections signed in as each role, named by their first letter. */
const STAFF: ReadonlyArray<{ connection: string; username: string; role: Role }> = [
  { connection: 'd', username: 'desk1', role: 'frontdesk' },
  { connection: 'p', username: 'drwang', role: 'physician' },
  { connection: 'n', username: 'nurse1', role: 'nurse' },
];
const STAFF_PASSWORD = 'staff password 1';

export interface ScheduleClinic extends TestClinic {
  wang: ScheduleResource;
  chen: ScheduleResource;
  room1: ScheduleResource;
  ct: ScheduleResource;
  /** Patient ids, registered with these names. */
  zhang: string;
  li: string;
  physicianId: string;
}

/**
 * A clinic with an administrator (`a`), front desk (`d`), physician (`p`) and
 * nurse (`n`) signed in; two providers (Dr Wang, a staff physician, and Dr
 * Chen, external), a room and a CT; and two patients.
 */
export function useScheduleClinic(): () => ScheduleClinic {
  let clinic: ScheduleClinic;
  beforeEach(async () => {
    const base = await testClinic();
    await base.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    const users: Record<string, string> = {};
    for (const { connection, username, role } of STAFF) {
      users[username] = (await base.ok('a', 'accounts.create', { username, displayName: username, role, password: STAFF_PASSWORD })).id;
      await base.ok(connection, 'session.login', { username, password: STAFF_PASSWORD });
    }
    const save = (resource: RequestOf<'schedule.resources.save'>) => base.ok('a', 'schedule.resources.save', resource);
    const register = async (patient: PatientInput) => (await base.ok('d', 'patients.register', { patient, confirmedNotDuplicate: true })).id;
    clinic = Object.assign(base, {
      wang: await save({ kind: 'provider', name: 'Dr Wang', userId: users.drwang! }),
      chen: await save({ kind: 'provider', name: 'Dr Chen (visiting)' }),
      room1: await save({ kind: 'room', name: '诊室1' }),
      ct: await save({ kind: 'modality', name: 'CT' }),
      zhang: await register({ fullName: '张三', sex: 'male', birthDate: '1980-05-01' }),
      li: await register({ fullName: '李四', sex: 'female', birthDate: '1992-11-23' }),
      physicianId: users.drwang!,
    });
    // Four sign-ins and six writes: generous on a loaded machine.
  }, 60_000);
  afterEach(() => clinic.cleanup());
  return () => clinic;
}

const MINUTE = 60_000;

/** Epoch ms of a local wall-clock time, `days` after today on the clinic's clock. */
export function dayAt(clinic: TestClinic, days: number, hour: number, minute = 0): number {
  const date = new Date(clinic.clock.now());
  date.setDate(date.getDate() + days);
  date.setHours(hour, minute, 0, 0);
  return date.getTime();
}

/** A slot of `minutes` from a local time tomorrow. */
export function tomorrow(clinic: TestClinic, hour: number, minute: number, minutes: number): { start: number; end: number } {
  const start = dayAt(clinic, 1, hour, minute);
  return { start, end: start + minutes * MINUTE };
}

export interface Counts {
  audit: number;
  outbox: number;
}

/** Outbox rows, read as the sync worker will: a second connection to the encrypted file. */
export function outbox(clinic: TestClinic): Array<{ entity: string; entityId: string; op: string; fields: Record<string, unknown> }> {
  const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
  try {
    return db
      .prepare('SELECT entity, entity_id, op, fields FROM outbox ORDER BY seq')
      .all<{ entity: string; entity_id: string; op: string; fields: string }>()
      .map((row) => ({ entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** How many audit entries and outbox rows exist: a refused change adds to neither. */
export async function counts(clinic: TestClinic): Promise<Counts> {
  const { total } = await clinic.ok('a', 'audit.query', { limit: 1 });
  return { audit: total, outbox: outbox(clinic).length };
}
