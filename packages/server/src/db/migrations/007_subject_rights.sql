-- A data subject's rights: erasure (POST /v1/subjects/:id/erasure) and access exports
-- (POST /v1/subjects/:id/exports), tracked against their deadline.

-- Hashed with a subject id, it names an erased subject without keeping their id
-- (governance/erased-subjects.ts). Random per tenant, and never changed.
ALTER TABLE tenants ADD COLUMN subject_salt text NOT NULL DEFAULT (gen_random_uuid()::text || gen_random_uuid()::text);

-- Erased subjects, for good: nothing is stored for them again.
CREATE TABLE erased_subjects (
  tenant_id text NOT NULL REFERENCES tenants (id),
  -- Hex SHA-256 of the tenant's subject_salt followed by the subject id.
  subject_ref text NOT NULL,
  erased_at timestamptz NOT NULL,
  erased_by text NOT NULL,
  PRIMARY KEY (tenant_id, subject_ref)
);

-- Set when an erasure of its subject kept it on another lawful basis (RETENTION_BASES).
ALTER TABLE artifacts ADD COLUMN retained_for text CHECK (retained_for IN ('legal-obligation', 'public-interest', 'archiving', 'legal-claims'));

CREATE TABLE subject_exports (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  -- Orders a tenant's requests for paging.
  seq integer GENERATED ALWAYS AS IDENTITY,
  -- NULL once the subject is erased.
  subject_id text CHECK (length(subject_id) BETWEEN 1 AND 256),
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX subject_exports_by_seq ON subject_exports (tenant_id, seq);
