import type { Migration } from './migration.ts';

/**
 * Saved cohorts, the de-identification date shifts, CDS Hooks services and
 * their queued requests and cards (main/analytics). Workstation-local: none
 * of it replicates (a cohort is a view of the charts, not part of them).
 */
export default {
  version: 9,
  name: 'analytics',
  up(db) {
    db.exec(`
      CREATE TABLE analytics_cohorts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- What was clustered and how (features, missing-value policy, k, seed), and the result's
        -- profiles and quality figures: JSON without patient identifiers.
        params TEXT NOT NULL CHECK (json_valid(params)),
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        member_count INTEGER NOT NULL,
        created_by_user_id TEXT,
        created_by_name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX analytics_cohorts_by_created ON analytics_cohorts (created_at);

      CREATE TABLE analytics_cohort_members (
        cohort_id TEXT NOT NULL REFERENCES analytics_cohorts (id) ON DELETE CASCADE,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        cluster INTEGER NOT NULL,
        PRIMARY KEY (cohort_id, patient_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX analytics_cohort_members_by_cluster ON analytics_cohort_members (cohort_id, cluster);

      -- Per-patient date shift for de-identified output: drawn once, kept so every export and
      -- CDS call shifts the same patient's dates the same way; never itself exported.
      CREATE TABLE deid_date_shifts (
        patient_id TEXT PRIMARY KEY REFERENCES patients (id),
        shift_days INTEGER NOT NULL CHECK (shift_days BETWEEN -365 AND 365 AND shift_days <> 0),
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- A CDS Hooks server configured by an administrator; its credential (if any) is in secrets
      -- under 'cds:<id>'.
      CREATE TABLE cds_servers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        base_url TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        timeout_ms INTEGER NOT NULL DEFAULT 10000 CHECK (timeout_ms BETWEEN 500 AND 60000),
        -- The last discovery answer: [{id, hook, title, description, prefetch}].
        services TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services)),
        discovered_at INTEGER,
        discovery_error TEXT,
        -- Circuit breaker: consecutive failures, and until when calls are held back.
        failures INTEGER NOT NULL DEFAULT 0,
        open_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX cds_servers_by_url ON cds_servers (base_url);

      -- One hook call to one service, queued so a call made offline goes out later.
      -- The body is the de-identified request exactly as sent.
      CREATE TABLE cds_requests (
        id TEXT PRIMARY KEY,
        server_id TEXT NOT NULL REFERENCES cds_servers (id),
        service_id TEXT NOT NULL,
        hook TEXT NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        body TEXT NOT NULL CHECK (json_valid(body)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        -- A code the chart translates (timeout, unreachable, http-500, malformed, circuit-open…).
        last_error TEXT,
        created_by_user_id TEXT,
        created_at INTEGER NOT NULL,
        completed_at INTEGER
      ) STRICT;
      CREATE INDEX cds_requests_due ON cds_requests (status, next_attempt_at);
      CREATE INDEX cds_requests_by_patient ON cds_requests (patient_id, created_at);

      CREATE TABLE cds_cards (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES cds_requests (id),
        patient_id TEXT NOT NULL REFERENCES patients (id),
        server_id TEXT NOT NULL,
        service_id TEXT NOT NULL,
        -- The card as the service sent it (summary, indicator, source, suggestions, links).
        card TEXT NOT NULL CHECK (json_valid(card)),
        received_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'dismissed')),
        decided_by_user_id TEXT,
        decided_by_name TEXT,
        decided_at INTEGER,
        decision_reason TEXT,
        -- The suggestion accepted (its index in the card).
        accepted_suggestion INTEGER
      ) STRICT;
      CREATE INDEX cds_cards_by_patient ON cds_cards (patient_id, received_at);

      -- A resource a physician accepted from a card, kept as a draft until someone reviews it into the chart.
      CREATE TABLE cds_drafts (
        id TEXT PRIMARY KEY,
        card_id TEXT NOT NULL REFERENCES cds_cards (id),
        patient_id TEXT NOT NULL REFERENCES patients (id),
        resource_type TEXT NOT NULL,
        resource TEXT NOT NULL CHECK (json_valid(resource)),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'applied', 'discarded')),
        created_by_user_id TEXT,
        created_by_name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cds_drafts_by_patient ON cds_drafts (patient_id, created_at);
    `);
  },
} satisfies Migration;
