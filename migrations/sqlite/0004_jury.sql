-- The jury: jurors and their one-time invitations, the entries frozen when
-- judging opens, who scores what (in each juror's own random order), the
-- scores, comments and recusals. Scores can only change while judging.

-- 0: every juror scores every entry of their categories; k > 0: each entry
-- gets k jurors with balanced load.
ALTER TABLE contests ADD COLUMN jury_quorum INTEGER NOT NULL DEFAULT 0
    CONSTRAINT contests_jury_quorum_range CHECK (jury_quorum BETWEEN 0 AND 50);

CREATE TABLE jurors (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    -- Set when the invitation is accepted.
    user_id INTEGER,
    -- SHA-256 of the invitation token while it is unused; NULL after.
    invite_token_hash TEXT,
    invite_expires_at INTEGER NOT NULL,
    invited_at INTEGER NOT NULL,
    accepted_at INTEGER,
    removed_at INTEGER,
    CONSTRAINT jurors_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT jurors_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT jurors_email_once_per_contest UNIQUE (contest_id, email),
    CONSTRAINT jurors_user_once_per_contest UNIQUE (contest_id, user_id),
    CONSTRAINT jurors_token_unique UNIQUE (invite_token_hash)
);

CREATE TABLE juror_categories (
    juror_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    CONSTRAINT juror_categories_pkey PRIMARY KEY (juror_id, category_id),
    CONSTRAINT juror_categories_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id) ON DELETE CASCADE,
    CONSTRAINT juror_categories_category_fk FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE
);

-- What the jury judges, frozen when judging opens: one row per photo, or per
-- portfolio when the portfolio is the judging unit.
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    portfolio_id INTEGER NOT NULL,
    -- NULL when the whole portfolio is the entry.
    photo_id INTEGER,
    CONSTRAINT entries_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT entries_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
    CONSTRAINT entries_portfolio_fk FOREIGN KEY (portfolio_id) REFERENCES portfolios (id),
    CONSTRAINT entries_photo_fk FOREIGN KEY (photo_id) REFERENCES photos (id),
    CONSTRAINT entries_number_unique UNIQUE (contest_id, number)
);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    -- Random: the juror's own order, stable across visits.
    sort_key INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    -- When every criterion was last saved; NULL until then.
    scored_at INTEGER,
    recused_at INTEGER,
    recusal_reason TEXT NOT NULL DEFAULT '',
    CONSTRAINT assignments_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT assignments_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT assignments_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id),
    CONSTRAINT assignments_once_per_juror UNIQUE (entry_id, juror_id)
);
CREATE INDEX assignments_juror_idx ON assignments (juror_id, sort_key);

CREATE TABLE scores (
    contest_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    criterion_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT scores_pkey PRIMARY KEY (juror_id, entry_id, criterion_id),
    CONSTRAINT scores_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT scores_assignment_fk FOREIGN KEY (entry_id, juror_id) REFERENCES assignments (entry_id, juror_id),
    CONSTRAINT scores_criterion_fk FOREIGN KEY (criterion_id) REFERENCES criteria (id)
);

-- Scores change only while the contest is judging, whatever the application does.
CREATE TRIGGER scores_locked_insert BEFORE INSERT ON scores
WHEN (SELECT phase FROM contests WHERE id = NEW.contest_id) <> 'judging'
BEGIN
    SELECT RAISE(ABORT, 'scores are locked outside judging');
END;
CREATE TRIGGER scores_locked_update BEFORE UPDATE ON scores
WHEN (SELECT phase FROM contests WHERE id = OLD.contest_id) <> 'judging'
BEGIN
    SELECT RAISE(ABORT, 'scores are locked outside judging');
END;
CREATE TRIGGER scores_locked_delete BEFORE DELETE ON scores
WHEN (SELECT phase FROM contests WHERE id = OLD.contest_id) <> 'judging'
BEGIN
    SELECT RAISE(ABORT, 'scores are locked outside judging');
END;
