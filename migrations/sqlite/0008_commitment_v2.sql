-- Blindness, second pass: the commitment made when judging opens also covers
-- each entry's identity as entered (salted digest) and its derivatives'
-- SHA-256; corrections to an identity after that are amendments on record.

-- 1: number, participant, originals (contests committed before this
-- migration); 2: also derivatives and the identity digest.
ALTER TABLE contest_commitments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- 256 random bits, hex, for the identity digest; never published (the
-- participant's receipt shows their own), so the digest cannot be tested
-- against guessed names.
ALTER TABLE entry_commitments ADD COLUMN identity_salt TEXT NOT NULL DEFAULT '';
-- What was committed (JSON, without the salt), so that verify can say which
-- part of an entry differs; its own hash is the commitment.
ALTER TABLE entry_commitments ADD COLUMN committed TEXT NOT NULL DEFAULT '';

-- A correction of a participant's identity (a misspelt name) by an admin.
CREATE TABLE identity_amendments (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    portfolio_id INTEGER NOT NULL,
    -- JSON of name, country, university, category before and after.
    before_identity TEXT NOT NULL,
    after_identity TEXT NOT NULL,
    reason TEXT NOT NULL,
    admin_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT identity_amendments_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT identity_amendments_portfolio_fk FOREIGN KEY (portfolio_id) REFERENCES portfolios (id),
    CONSTRAINT identity_amendments_admin_fk FOREIGN KEY (admin_id) REFERENCES users (id),
    CONSTRAINT identity_amendments_reason_given CHECK (length(reason) > 0)
);
CREATE INDEX identity_amendments_portfolio_idx ON identity_amendments (portfolio_id, id);

-- A participant's receipt finds their entries by portfolio (not by a walk
-- over the contest's entries).
CREATE INDEX entries_portfolio_idx ON entries (portfolio_id);
