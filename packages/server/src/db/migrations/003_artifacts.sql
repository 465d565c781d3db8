-- Artifact metadata: the server is its system of record. The content (ciphertext chunks) stays in
-- the blob store; a chunk's file is in place before the row that counts it.

CREATE TABLE artifacts (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  call_id text NOT NULL,
  subject_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('picture', 'recording', 'document', 'consent')),
  mime_type text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consent_ref text,
  algorithm text NOT NULL,
  key_provider_id text NOT NULL,
  -- NULL once the data key is destroyed (crypto-shredding).
  wrapped_key text,
  nonce_prefix text NOT NULL,
  size bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
  status text NOT NULL CHECK (status IN ('incomplete', 'complete')),
  chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
  end_reason text CHECK (end_reason IN ('stopped', 'consent-withdrawn', 'call-ended', 'failed')),
  -- Who began it (the storage token's role and sub): the only one who may write to it.
  owner_role text NOT NULL CHECK (owner_role IN ('agent', 'customer')),
  owner_subject text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX artifacts_by_call ON artifacts (tenant_id, call_id);
CREATE INDEX artifacts_by_subject ON artifacts (tenant_id, subject_id);
CREATE INDEX artifacts_by_expiry ON artifacts (tenant_id, expires_at);

-- Erased artifact ids, for good: a retried begin never brings one back.
CREATE TABLE erased_artifacts (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  erased_at timestamptz NOT NULL,
  -- False until the blob store no longer holds its content (a crash in between is swept at start).
  content_removed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX erased_artifacts_pending ON erased_artifacts (tenant_id, id) WHERE NOT content_removed;
