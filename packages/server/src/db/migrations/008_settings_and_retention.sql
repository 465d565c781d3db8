-- Tenant settings (GET and PUT /v1/settings), retention by purpose and counted from events
-- (POST /v1/retention-events), and the retention of the audit log's own entries.

CREATE TABLE tenant_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  -- 1 for the first change; version 0, the defaults, has no row.
  version integer NOT NULL CHECK (version >= 1),
  -- TenantSettingsSchema of @sealcall/protocol, as checked before it was written.
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- Why an artifact was taken (an integrator's code): retention policies may differ by purpose.
ALTER TABLE artifacts ADD COLUMN purpose text CHECK (purpose ~ '^[a-z0-9][a-z0-9-]{0,63}$');
-- Set when its policy counts from an event: the event, and the days after it.
ALTER TABLE artifacts ADD COLUMN retention_event text;
ALTER TABLE artifacts ADD COLUMN retention_event_days integer CHECK (retention_event_days >= 1);
ALTER TABLE artifacts ADD CHECK ((retention_event IS NULL) = (retention_event_days IS NULL));
CREATE INDEX artifacts_awaiting_event ON artifacts (tenant_id, retention_event) WHERE retention_event IS NOT NULL;

-- Events retention periods count from (a claim closed), for one subject or one call.
CREATE TABLE retention_events (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  event text NOT NULL,
  subject_id text CHECK (length(subject_id) BETWEEN 1 AND 256),
  call_id text CHECK (length(call_id) BETWEEN 1 AND 64),
  occurred_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK ((subject_id IS NULL) <> (call_id IS NULL))
);

CREATE INDEX retention_events_by_subject ON retention_events (tenant_id, event, subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX retention_events_by_call ON retention_events (tenant_id, event, call_id) WHERE call_id IS NOT NULL;

-- Where a tenant's chain begins once its oldest entries are past their retention and pruned: the
-- last pruned entry's seq and hash, signed by the audit key (AuditLog.prune).
CREATE TABLE audit_checkpoints (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  seq integer NOT NULL CHECK (seq >= 1),
  hash text NOT NULL,
  at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL
);

-- The log stays append-only, but for the pruning of its start, which says so for its transaction.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('sealcall.audit_pruning', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
