-- Calls started by signed-in staff (POST /v1/calls): who started each and whose data it is.
-- Both NULL for rooms that a room token of the integrator's back end opened.
ALTER TABLE rooms ADD COLUMN started_by text CHECK (length(started_by) BETWEEN 1 AND 256);
ALTER TABLE rooms ADD COLUMN subject_id text CHECK (length(subject_id) BETWEEN 1 AND 256);

-- The room tokens the server issued itself: where the integrator's tokens must be signed by its
-- key pairs, an HS256 room token counts only if it is listed here.
CREATE TABLE issued_room_tokens (
  tenant_id text NOT NULL,
  jti text NOT NULL,
  room_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, jti),
  FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id)
);

CREATE INDEX issued_room_tokens_by_expiry ON issued_room_tokens (expires_at);
