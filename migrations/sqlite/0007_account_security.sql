-- Security, second pass: confirmed email addresses, one-time email links,
-- and session ids stored hashed.

-- When the account proved it receives mail at its address; NULL: not yet.
-- Accounts made before this migration are taken as confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at INTEGER;
UPDATE users SET email_confirmed_at = created_at;

-- One-time links sent by email: 'confirm' (a new address; may carry the
-- password chosen at registration, to be set when the link is used) and
-- 'reset' (choose a new password). Only the SHA-256 of the token is kept.
CREATE TABLE email_links (
    token_hash TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    password_hash TEXT,
    next_path TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    CONSTRAINT email_links_pkey PRIMARY KEY (token_hash),
    CONSTRAINT email_links_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT email_links_purpose_known CHECK (purpose IN ('confirm', 'reset'))
);
CREATE INDEX email_links_user_idx ON email_links (user_id);

-- Session ids are now stored as their SHA-256: a copy of this table no
-- longer signs anyone in. Old rows (raw ids) can never match again.
DELETE FROM sessions;
