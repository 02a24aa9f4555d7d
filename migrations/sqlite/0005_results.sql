-- The results as they stood at finalization: the exact JSON and its SHA-256
-- (published as the results hash). One per contest; never updated.
CREATE TABLE results_snapshots (
    contest_id INTEGER NOT NULL,
    json TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Why the admin finalized with work missing; '' when everything was done.
    override_reason TEXT NOT NULL DEFAULT '',
    CONSTRAINT results_snapshots_pkey PRIMARY KEY (contest_id),
    CONSTRAINT results_snapshots_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id)
);
CREATE TRIGGER results_snapshots_no_update BEFORE UPDATE ON results_snapshots
BEGIN
    SELECT RAISE(ABORT, 'results snapshots are final');
END;
CREATE TRIGGER results_snapshots_no_delete BEFORE DELETE ON results_snapshots
BEGIN
    SELECT RAISE(ABORT, 'results snapshots are final');
END;
