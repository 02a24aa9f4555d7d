-- Verifiable blindness and the announcement: per-entry commitments made when
-- judging opens (salts stay secret until the reveal), the root published on
-- the contest page, the jurors' results aliases fixed at finalization, the
-- awards, and a hash chain over the audit log.

CREATE TABLE entry_commitments (
    entry_id INTEGER NOT NULL,
    contest_id INTEGER NOT NULL,
    -- 256 random bits, hex; published at the reveal.
    salt TEXT NOT NULL,
    -- SHA-256 of number, participant id, originals' SHA-256s and salt.
    commitment TEXT NOT NULL,
    CONSTRAINT entry_commitments_pkey PRIMARY KEY (entry_id),
    CONSTRAINT entry_commitments_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT entry_commitments_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id)
);
CREATE INDEX entry_commitments_contest_idx ON entry_commitments (contest_id);

-- The root: SHA-256 over the sorted per-entry commitments.
CREATE TABLE contest_commitments (
    contest_id INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT contest_commitments_pkey PRIMARY KEY (contest_id),
    CONSTRAINT contest_commitments_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id)
);
CREATE TRIGGER contest_commitments_no_update BEFORE UPDATE ON contest_commitments
BEGIN
    SELECT RAISE(ABORT, 'commitments are final');
END;
CREATE TRIGGER contest_commitments_no_delete BEFORE DELETE ON contest_commitments
BEGIN
    SELECT RAISE(ABORT, 'commitments are final');
END;

-- Which letter each juror is in the results, drawn at finalization.
CREATE TABLE juror_aliases (
    contest_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    alias TEXT NOT NULL,
    CONSTRAINT juror_aliases_pkey PRIMARY KEY (juror_id),
    CONSTRAINT juror_aliases_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id),
    CONSTRAINT juror_aliases_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT juror_aliases_alias_unique UNIQUE (contest_id, alias)
);

-- Awards and the exhibition selection, per entry; set after finalization.
CREATE TABLE awards (
    entry_id INTEGER NOT NULL,
    contest_id INTEGER NOT NULL,
    award TEXT,
    exhibition INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT awards_pkey PRIMARY KEY (entry_id),
    CONSTRAINT awards_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT awards_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT awards_award_known CHECK (award IS NULL OR award IN ('first', 'second', 'third', 'mention')),
    CONSTRAINT awards_exhibition_flag CHECK (exhibition IN (0, 1))
);
CREATE INDEX awards_contest_idx ON awards (contest_id);

-- Whether participants see the jurors' comments on their entries.
ALTER TABLE contests ADD COLUMN share_feedback INTEGER NOT NULL DEFAULT 0
    CONSTRAINT contests_share_feedback_flag CHECK (share_feedback IN (0, 1));

-- Each audit row holds the hash of the previous one and its own; the head row
-- is the lock writers take (so the chain never forks) and the newest hash (so
-- deleting the newest rows shows too). Rows written before this migration
-- have no hash.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE TABLE audit_head (
    id INTEGER NOT NULL,
    rows_chained INTEGER NOT NULL,
    hash TEXT NOT NULL,
    CONSTRAINT audit_head_pkey PRIMARY KEY (id),
    CONSTRAINT audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, rows_chained, hash) VALUES (1, 0, '');
