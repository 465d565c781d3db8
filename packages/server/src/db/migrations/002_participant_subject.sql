-- Who joined, in the integrator's systems: the room token's `sub`. NULL for rows of version 1.
ALTER TABLE participants ADD COLUMN subject text CHECK (length(subject) BETWEEN 1 AND 256);
