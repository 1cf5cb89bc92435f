import type { Migration } from './migration.ts';

/**
 * Per-entity sync state moves from a WITHOUT ROWID table to an ordinary one. A state is about 1.3 KB for a patient
 * (each field with its HLC), and a WITHOUT ROWID row above about 1,000 bytes spills into an overflow page of its
 * own, mostly empty: about 4 KB written per entity for every change applied, more than half of the store's size.
 * An ordinary table keeps rows up to about 4,000 bytes in place; the unique constraint keeps the (entity, id) key.
 */
export default {
  version: 17,
  name: 'sync-state-rowid',
  up(db) {
    db.exec(`
      CREATE TABLE sync_entity_state_rows (
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (json_valid(state)),
        UNIQUE (entity, entity_id)
      ) STRICT;
      INSERT INTO sync_entity_state_rows (entity, entity_id, state) SELECT entity, entity_id, state FROM sync_entity_state ORDER BY entity, entity_id;
      DROP TABLE sync_entity_state;
      ALTER TABLE sync_entity_state_rows RENAME TO sync_entity_state;
      CREATE INDEX sync_state_by_patient ON sync_entity_state (json_extract(state, '$.patientId[1]'))
        WHERE json_extract(state, '$.patientId[1]') IS NOT NULL;
      CREATE INDEX sync_state_by_merge ON sync_entity_state (json_extract(state, '$.mergedInto[1]'))
        WHERE json_extract(state, '$.mergedInto[1]') IS NOT NULL;
    `);
  },
} satisfies Migration;
