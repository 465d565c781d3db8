-- The audit log: one hash chain per tenant, each entry signed by the server's audit key
-- (governance/audit-chain.ts says exactly what is hashed). Append-only: the trigger refuses
-- changes, and `sealcall-server audit verify` finds any made around it.

CREATE TABLE audit_log (
  tenant_id text NOT NULL REFERENCES tenants (id),
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  action text NOT NULL,
  actor_role text,
  actor_id text,
  subject_id text,
  target text,
  -- Canonical JSON of a flat object of strings, integers and booleans.
  details text NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

CREATE INDEX audit_log_by_subject ON audit_log (tenant_id, subject_id) WHERE subject_id IS NOT NULL;

-- The last entry of each tenant's chain; its row lock makes appends take turns.
CREATE TABLE audit_heads (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  seq integer NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
