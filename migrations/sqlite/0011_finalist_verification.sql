-- Finalist verification: after finalization an admin asks the authors of
-- chosen entries for each photo's camera original (RAW or out-of-camera
-- JPEG) by a deadline. The file is stored privately (never derived, never
-- shown to a juror); what its EXIF says is kept beside it for the admin,
-- who accepts it or disqualifies the entry with a reason.
CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    photo_id INTEGER NOT NULL,
    -- The entry as the jury and the results know it.
    entry_number INTEGER NOT NULL,
    requested_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'requested',
    file_sha256 TEXT,
    file_bytes INTEGER,
    file_kind TEXT,
    file_width INTEGER,
    file_height INTEGER,
    file_taken TEXT,
    file_camera TEXT,
    received_at INTEGER,
    decided_at INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    CONSTRAINT verifications_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT verifications_photo_fk FOREIGN KEY (photo_id) REFERENCES photos (id) ON DELETE CASCADE,
    CONSTRAINT verifications_one_per_photo UNIQUE (contest_id, photo_id),
    CONSTRAINT verifications_status_known CHECK (status IN ('requested', 'received', 'accepted', 'disqualified'))
);
CREATE INDEX verifications_contest_idx ON verifications (contest_id, entry_number);
CREATE INDEX verifications_photo_idx ON verifications (photo_id);
CREATE INDEX verifications_file_idx ON verifications (file_sha256);
