import type Database from '@signalapp/sqlcipher';

/** "Recently seen" needs no more than the longest search page. */
const KEPT_PER_USER = 100;

/** Notes that a user opened a chart, keeping each user's newest entries only. */
export function recordView(db: Database, userId: string, patientId: string, at: number): void {
  db.prepare('INSERT INTO patient_views (user_id, patient_id, at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET at = excluded.at').run([userId, patientId, at]);
  db.prepare(
    `DELETE FROM patient_views WHERE user_id = $userId AND patient_id NOT IN
       (SELECT patient_id FROM patient_views WHERE user_id = $userId ORDER BY at DESC LIMIT $kept)`,
  ).run({ userId, kept: KEPT_PER_USER });
}
