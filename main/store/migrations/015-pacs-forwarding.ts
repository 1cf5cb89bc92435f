import type { Migration } from './migration.ts';

/**
 * A DICOMweb server as a second target of this workstation's images: studies imported here after `forward_new` was
 * turned on are sent to it (STOW-RS) in the background. The queue is filled in the transaction that indexes each
 * instance, so an instance is queued exactly when it is indexed; a row leaves it once the server has answered for it.
 * Rows name the DICOM object (SOP Instance UID), not the index row: sync may replace that row with another
 * workstation's copy of the same object (main/sync/entities/imaging-aliases.node.ts).
 * `forward_stopped` holds why sending stopped (a refusal retrying cannot fix) until the settings change or "Sync now".
 */
export default {
  version: 15,
  name: 'pacs-forwarding',
  up(db) {
    db.exec(`
      ALTER TABLE imaging_pacs ADD COLUMN forward_new INTEGER NOT NULL DEFAULT 0 CHECK (forward_new IN (0, 1));
      ALTER TABLE imaging_pacs ADD COLUMN forward_stopped TEXT;
      ALTER TABLE imaging_pacs ADD COLUMN forward_last_success_at INTEGER;
      ALTER TABLE imaging_pacs ADD COLUMN forward_sent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE imaging_pacs ADD COLUMN forward_refused INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE imaging_pacs_forward (
        pacs_id TEXT NOT NULL REFERENCES imaging_pacs (id) ON DELETE CASCADE,
        sop_instance_uid TEXT NOT NULL,
        queued_at INTEGER NOT NULL,
        PRIMARY KEY (pacs_id, sop_instance_uid)
      ) STRICT, WITHOUT ROWID;
    `);
  },
} satisfies Migration;
