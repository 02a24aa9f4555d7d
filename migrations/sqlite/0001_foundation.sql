-- Foundation: accounts, sessions, first-run setup, contests with categories,
-- criteria and eligible countries, per-contest roles and the audit log.
-- Times are UTC unix seconds; flags are 0/1 integers.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    -- Bumped when the password changes: sessions made before it stop working.
    session_version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (email),
    CONSTRAINT users_is_admin_flag CHECK (is_admin IN (0, 1))
);

CREATE TABLE sessions (
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE setup_tokens (
    token_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    CONSTRAINT setup_tokens_pkey PRIMARY KEY (token_hash)
);

CREATE TABLE contests (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    theme TEXT NOT NULL,
    description TEXT NOT NULL,
    rules TEXT NOT NULL,
    timezone TEXT NOT NULL,
    opens_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    max_photos INTEGER NOT NULL,
    judging_unit TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT 'draft',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT contests_slug_unique UNIQUE (slug),
    CONSTRAINT contests_window_ordered CHECK (opens_at < closes_at),
    CONSTRAINT contests_max_photos_range CHECK (max_photos BETWEEN 1 AND 100),
    CONSTRAINT contests_judging_unit_known CHECK (judging_unit IN ('photo', 'portfolio')),
    CONSTRAINT contests_phase_known CHECK (phase IN
        ('draft', 'open', 'closed', 'judging', 'finalized', 'revealed', 'announced'))
);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    requires_university INTEGER NOT NULL DEFAULT 0,
    max_photos INTEGER,
    position INTEGER NOT NULL,
    CONSTRAINT categories_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT categories_name_unique_in_contest UNIQUE (contest_id, name),
    CONSTRAINT categories_requires_university_flag CHECK (requires_university IN (0, 1)),
    CONSTRAINT categories_max_photos_range CHECK (max_photos IS NULL OR max_photos BETWEEN 1 AND 100)
);

CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    weight REAL NOT NULL,
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT criteria_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT criteria_name_unique_in_contest UNIQUE (contest_id, name),
    CONSTRAINT criteria_weight_positive CHECK (weight > 0),
    CONSTRAINT criteria_scale_ordered CHECK (scale_min < scale_max)
);

CREATE TABLE contest_countries (
    contest_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT contest_countries_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT contest_countries_pkey PRIMARY KEY (contest_id, name)
);

-- A person is a participant or a juror of a contest, never both.
CREATE TABLE contest_roles (
    contest_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT contest_roles_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT contest_roles_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT contest_roles_one_role_per_person UNIQUE (contest_id, user_id),
    CONSTRAINT contest_roles_role_known CHECK (role IN ('participant', 'juror'))
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    contest_id INTEGER,
    detail TEXT NOT NULL,
    CONSTRAINT audit_log_actor_fk FOREIGN KEY (actor_id) REFERENCES users (id),
    CONSTRAINT audit_log_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id)
);
CREATE INDEX audit_log_contest_idx ON audit_log (contest_id, id);

-- The audit log is append-only, whatever the application does.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
