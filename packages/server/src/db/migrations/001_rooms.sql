-- Tenants, rooms, who was let in or turned away, and spent single-use tokens: the signaling
-- decisions that must outlive the process.

CREATE TABLE tenants (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Single-tenant set-ups use this one.
INSERT INTO tenants (id) VALUES ('default');

CREATE TABLE rooms (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE participants (
  tenant_id text NOT NULL,
  room_id text NOT NULL,
  id text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'customer')),
  status text NOT NULL CHECK (status IN ('waiting', 'admitted', 'rejected', 'left')),
  -- The one resume token that works now (rotated on every use); NULL once revoked.
  resume_jti text UNIQUE,
  -- No resume after this: the lifetime of the room token the participant joined with.
  session_expires_at timestamptz NOT NULL,
  joined_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, room_id, id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id),
  CHECK (status IN ('waiting', 'admitted') OR resume_jti IS NULL)
);

CREATE TABLE spent_tokens (
  tenant_id text NOT NULL REFERENCES tenants (id),
  jti text NOT NULL,
  -- Kept until the token could no longer be used anyway.
  expires_at timestamptz NOT NULL,
  spent_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, jti)
);

CREATE INDEX spent_tokens_by_expiry ON spent_tokens (expires_at);
