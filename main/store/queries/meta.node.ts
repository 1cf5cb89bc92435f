import type Database from '@signalapp/sqlcipher';
import { StoreError } from '../errors.ts';
import type { QueryModule } from '../interface.ts';

export interface ClinicMeta {
  clinicName: string;
  workstationId: string;
  createdAt: number;
}

type MetaRow = { clinic_name: string; workstation_id: string; created_at: number };

export const metaQueries = {
  get(db: Database): ClinicMeta | null {
    const row = db.prepare('SELECT clinic_name, workstation_id, created_at FROM meta WHERE id = 1').get<MetaRow>();
    return row ? { clinicName: row.clinic_name, workstationId: row.workstation_id, createdAt: row.created_at } : null;
  },

  /** Once, at first-run setup. */
  initialize(db: Database, meta: ClinicMeta): ClinicMeta {
    const { changes } = db
      .prepare('INSERT INTO meta (id, clinic_name, workstation_id, created_at) VALUES (1, $clinicName, $workstationId, $createdAt) ON CONFLICT DO NOTHING')
      .run({ ...meta });
    if (changes === 0) throw new StoreError('CONFLICT', { reason: 'already initialized' });
    return meta;
  },
} satisfies QueryModule;
