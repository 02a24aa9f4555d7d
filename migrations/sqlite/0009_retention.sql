-- Running it for real: how long originals are kept after the announcement,
-- photos whose files were deleted (rows and hashes kept, so the commitment
-- and the results stay verifiable), participants who withdrew after judging
-- opened, deleted accounts, and the last backup found without a walk.

-- When the winners were announced (retention counts from it).
ALTER TABLE contests ADD COLUMN announced_at INTEGER;
UPDATE contests SET announced_at = updated_at WHERE phase = 'announced';
-- Days after the announcement that the originals (and derivatives) of
-- entries that won nothing are kept; NULL: kept until an admin changes it.
ALTER TABLE contests ADD COLUMN keep_originals_days INTEGER
    CONSTRAINT contests_keep_originals_days_range CHECK (keep_originals_days IS NULL OR keep_originals_days BETWEEN 0 AND 36500);

-- The original was deleted (retention, or its author withdrew: originals
-- carry camera metadata); the derivatives were deleted (retention).
ALTER TABLE photos ADD COLUMN original_deleted_at INTEGER;
ALTER TABLE photos ADD COLUMN derivatives_deleted_at INTEGER;

-- The author deleted their account after judging opened: the identity
-- fields hold "withdrawn", the entry and its scores stay.
ALTER TABLE portfolios ADD COLUMN withdrawn_at INTEGER;

-- The account was deleted at its owner's request (the row stays, emptied,
-- for the scores and rows that point at it).
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

CREATE INDEX audit_log_action_idx ON audit_log (action, at);

-- Whether a stored file is still needed is asked by hash (retention, a
-- withdrawal, an upload that lost a race): one look-up, not a scan.
CREATE INDEX photos_original_sha256_idx ON photos (original_sha256);
CREATE INDEX photos_large_sha256_idx ON photos (large_sha256);
CREATE INDEX photos_thumb_sha256_idx ON photos (thumb_sha256);

-- A person's export and deletion find their rows by account, not by a walk
-- over every contest's rows.
CREATE INDEX portfolios_user_idx ON portfolios (user_id);
CREATE INDEX jurors_user_idx ON jurors (user_id);
CREATE INDEX contest_roles_user_idx ON contest_roles (user_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
