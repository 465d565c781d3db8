-- Legal holds (a DPO's, through /v1/holds): while one is in force, nothing of its data subject or
-- call is erased, by the retention sweeper or anyone. Released holds are kept, with who and when.
CREATE TABLE legal_holds (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  subject_id text CHECK (length(subject_id) BETWEEN 1 AND 256),
  call_id text CHECK (length(call_id) BETWEEN 1 AND 64),
  reason text NOT NULL CHECK (reason IN ('litigation', 'regulator-request', 'internal-investigation', 'other')),
  placed_by text NOT NULL,
  placed_at timestamptz NOT NULL,
  released_by text,
  released_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK ((subject_id IS NULL) <> (call_id IS NULL)),
  CHECK ((released_by IS NULL) = (released_at IS NULL))
);

CREATE INDEX legal_holds_in_force ON legal_holds (tenant_id) WHERE released_at IS NULL;
