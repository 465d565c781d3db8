-- What the participants share during a call: a location, a chat transcript (docs/storage.md).

ALTER TABLE artifacts DROP CONSTRAINT artifacts_kind_check;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_kind_check
  CHECK (kind IN ('picture', 'recording', 'document', 'location', 'transcript', 'consent'));
