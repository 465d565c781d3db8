-- Staff's reach into the records (GET /v1/calls): calls in the order they were opened, and the
-- teams of the agent who started each, as their sign-in said then (a supervisor sees their teams').
ALTER TABLE rooms ADD COLUMN seq integer GENERATED ALWAYS AS IDENTITY;
ALTER TABLE rooms ADD COLUMN started_teams text[] NOT NULL DEFAULT '{}';

CREATE UNIQUE INDEX rooms_by_seq ON rooms (tenant_id, seq);
CREATE INDEX rooms_by_starter ON rooms (tenant_id, started_by) WHERE started_by IS NOT NULL;
CREATE INDEX rooms_by_teams ON rooms USING gin (started_teams);
