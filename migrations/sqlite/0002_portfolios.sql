-- Portfolios and their photos. Identity (name, country, university) lives on
-- the portfolio; photos carry a random entry number and the hashes of the
-- stored original and of the two derivatives jurors see.

CREATE TABLE portfolios (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    country TEXT NOT NULL,
    university TEXT NOT NULL DEFAULT '',
    consent_rules INTEGER NOT NULL,
    consent_name INTEGER NOT NULL,
    story TEXT NOT NULL DEFAULT '',
    -- The copy jurors get when an admin redacted the story.
    story_redacted TEXT,
    -- Entry number when the whole portfolio is judged.
    number INTEGER,
    -- Why the text may reveal the author, for the admin; NULL when clean.
    identity_flag TEXT,
    status TEXT NOT NULL DEFAULT 'eligible',
    status_reason TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT portfolios_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT portfolios_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT portfolios_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
    CONSTRAINT portfolios_one_per_person UNIQUE (contest_id, user_id),
    CONSTRAINT portfolios_number_unique UNIQUE (contest_id, number),
    CONSTRAINT portfolios_consents_given CHECK (consent_rules = 1 AND consent_name IN (0, 1)),
    CONSTRAINT portfolios_status_known CHECK (status IN ('eligible', 'disqualified'))
);

CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    portfolio_id INTEGER NOT NULL,
    contest_id INTEGER NOT NULL,
    -- Entry number when each photo is judged.
    number INTEGER,
    title TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    title_redacted TEXT,
    caption_redacted TEXT,
    position INTEGER NOT NULL,
    original_sha256 TEXT NOT NULL,
    original_bytes INTEGER NOT NULL,
    large_sha256 TEXT NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT photos_portfolio_fk FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE,
    CONSTRAINT photos_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT photos_number_unique UNIQUE (contest_id, number),
    CONSTRAINT photos_same_photo_once_per_contest UNIQUE (contest_id, original_sha256)
);
CREATE INDEX photos_portfolio_idx ON photos (portfolio_id, position);
