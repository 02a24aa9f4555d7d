-- A juror who recognises a work in a shortlisting round steps aside from it,
-- as in the criteria round: their ballot for it goes (a vote they cast stops
-- counting, the progress triggers of 0014 count it out) and this row keeps
-- the planner from giving the entry back to them, so that with a quorum the
-- entry goes to another juror (a recusal is final).
CREATE TABLE ballot_recusals (
    round_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    juror_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    recused_at INTEGER NOT NULL,
    CONSTRAINT ballot_recusals_pkey PRIMARY KEY (round_id, entry_id, juror_id),
    CONSTRAINT ballot_recusals_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
    CONSTRAINT ballot_recusals_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT ballot_recusals_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id)
);

-- Only while the round is open, as ballots change.
CREATE TRIGGER ballot_recusals_locked BEFORE INSERT ON ballot_recusals
WHEN (SELECT closed_at FROM rounds WHERE id = NEW.round_id) IS NOT NULL
  OR (SELECT opened_at FROM rounds WHERE id = NEW.round_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'recusals are recorded only while their round is open');
END;
