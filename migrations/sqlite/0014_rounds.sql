-- Judging in rounds. A contest may shortlist its entries in rounds before
-- the criteria scoring of 0004 (which stays the last round, with its
-- assignments and scores as they were): each round has a kind, a quorum and
-- a soft deadline, jurors cast one ballot per entry of their queue, and a
-- round's close stores what it decided with its SHA-256. A contest without
-- rounds judges as before, in one criteria round.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    -- 1, 2, …: the order of the rounds; the criteria round comes after the last.
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    -- 0: every juror of a category votes on each of its entries; k > 0: k jurors per entry.
    quorum INTEGER NOT NULL DEFAULT 0,
    -- Shown to jurors; nothing closes by itself (UTC seconds).
    deadline_at INTEGER,
    opened_at INTEGER,
    closed_at INTEGER,
    CONSTRAINT rounds_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
    CONSTRAINT rounds_position_unique UNIQUE (contest_id, position),
    CONSTRAINT rounds_position_positive CHECK (position >= 1),
    CONSTRAINT rounds_kind_known CHECK (kind IN ('yes_no', 'stars', 'criteria', 'ranking')),
    CONSTRAINT rounds_quorum_range CHECK (quorum BETWEEN 0 AND 50),
    CONSTRAINT rounds_closed_after_opened CHECK (closed_at IS NULL OR opened_at IS NOT NULL)
);

-- The last round an entry takes part in: every entry starts in round 1, and
-- a round's close moves the ones it advances to the next. Entries of a
-- contest without rounds are all in its one (criteria) round.
ALTER TABLE entries ADD COLUMN reached INTEGER NOT NULL DEFAULT 1
    CONSTRAINT entries_reached_positive CHECK (reached >= 1);
CREATE INDEX entries_reached_idx ON entries (contest_id, reached, category_id);

-- One juror's vote on one entry in one round: yes (1) or no (0), 1 to 5
-- stars, or (for a ranking round, at most 60 entries) a place; NULL until cast. Each juror has their own random order (sort_key).
CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL,
    round_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    sort_key INTEGER NOT NULL,
    vote INTEGER,
    cast_at INTEGER,
    created_at INTEGER NOT NULL,
    CONSTRAINT ballots_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT ballots_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
    CONSTRAINT ballots_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT ballots_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id),
    CONSTRAINT ballots_once_per_juror UNIQUE (round_id, entry_id, juror_id),
    CONSTRAINT ballots_vote_range CHECK (vote IS NULL OR vote BETWEEN 0 AND 60),
    CONSTRAINT ballots_cast_with_vote CHECK ((vote IS NULL) = (cast_at IS NULL))
);
-- The juror's queue in their order, and what is left to vote on.
CREATE INDEX ballots_queue_idx ON ballots (round_id, juror_id, sort_key, id);
CREATE INDEX ballots_todo_idx ON ballots (round_id, juror_id, sort_key, id)
    WHERE vote IS NULL;
-- Counting a round's votes per entry at its close and in the preview.
CREATE INDEX ballots_entry_idx ON ballots (round_id, entry_id, vote);

-- Ballots change only while their round is open and the contest judging.
CREATE TRIGGER ballots_locked_insert BEFORE INSERT ON ballots
WHEN (SELECT phase FROM contests WHERE id = NEW.contest_id) <> 'judging'
  OR (SELECT closed_at FROM rounds WHERE id = NEW.round_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'ballots are locked outside their open round');
END;
CREATE TRIGGER ballots_locked_update BEFORE UPDATE ON ballots
WHEN (SELECT phase FROM contests WHERE id = OLD.contest_id) <> 'judging'
  OR (SELECT closed_at FROM rounds WHERE id = OLD.round_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'ballots are locked outside their open round');
END;
CREATE TRIGGER ballots_locked_delete BEFORE DELETE ON ballots
WHEN (SELECT phase FROM contests WHERE id = OLD.contest_id) <> 'judging'
  OR (SELECT closed_at FROM rounds WHERE id = OLD.round_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'ballots are locked outside their open round');
END;

-- Each juror's progress in each round, counted as ballots change (as
-- juror_progress counts the criteria round), so no page counts a queue.
CREATE TABLE ballot_progress (
    round_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    assigned INTEGER NOT NULL,
    voted INTEGER NOT NULL,
    CONSTRAINT ballot_progress_pkey PRIMARY KEY (round_id, juror_id),
    CONSTRAINT ballot_progress_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
    CONSTRAINT ballot_progress_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id),
    CONSTRAINT ballot_progress_counts CHECK (voted >= 0 AND voted <= assigned)
);
CREATE TRIGGER ballot_progress_on_insert AFTER INSERT ON ballots
BEGIN
    INSERT INTO ballot_progress (round_id, juror_id, assigned, voted)
    VALUES (NEW.round_id, NEW.juror_id, 1, NEW.vote IS NOT NULL)
    ON CONFLICT (round_id, juror_id) DO UPDATE
        SET assigned = assigned + 1, voted = voted + excluded.voted;
END;
CREATE TRIGGER ballot_progress_on_delete AFTER DELETE ON ballots
BEGIN
    UPDATE ballot_progress
        SET assigned = assigned - 1, voted = voted - (OLD.vote IS NOT NULL)
        WHERE round_id = OLD.round_id AND juror_id = OLD.juror_id;
END;
CREATE TRIGGER ballot_progress_on_vote AFTER UPDATE OF vote ON ballots
WHEN (OLD.vote IS NULL) <> (NEW.vote IS NULL)
BEGIN
    UPDATE ballot_progress
        SET voted = voted + (NEW.vote IS NOT NULL) - (OLD.vote IS NOT NULL)
        WHERE round_id = NEW.round_id AND juror_id = NEW.juror_id;
END;

-- What a closed round decided, as JSON, and its SHA-256 (shown on the
-- contest page). One per round; never changed.
CREATE TABLE round_snapshots (
    round_id INTEGER NOT NULL,
    contest_id INTEGER NOT NULL,
    json TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Why the round closed with votes missing; '' when every ballot was cast.
    override_reason TEXT NOT NULL DEFAULT '',
    CONSTRAINT round_snapshots_pkey PRIMARY KEY (round_id),
    CONSTRAINT round_snapshots_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
    CONSTRAINT round_snapshots_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id)
);
CREATE TRIGGER round_snapshots_no_update BEFORE UPDATE ON round_snapshots
BEGIN
    SELECT RAISE(ABORT, 'round snapshots are final');
END;
CREATE TRIGGER round_snapshots_no_delete BEFORE DELETE ON round_snapshots
BEGIN
    SELECT RAISE(ABORT, 'round snapshots are final');
END;
