-- A juror who recognises a work in a shortlisting round steps aside from it,
-- as in the criteria round: their ballot for it goes (a vote they cast stops
-- counting, the progress triggers of 0014 count it out) and this row keeps
-- the planner from giving the entry back to them, so that with a quorum the
-- entry goes to another juror (a recusal is final).
CREATE TABLE ballot_recusals (
    round_id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    juror_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    recused_at BIGINT NOT NULL,
    CONSTRAINT ballot_recusals_pkey PRIMARY KEY (round_id, entry_id, juror_id),
    CONSTRAINT ballot_recusals_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
    CONSTRAINT ballot_recusals_entry_fk FOREIGN KEY (entry_id) REFERENCES entries (id),
    CONSTRAINT ballot_recusals_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id)
);

-- Only while the round is open, as ballots change.
CREATE FUNCTION ballot_recusals_locked_outside_their_round() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT closed_at FROM rounds WHERE id = NEW.round_id) IS NOT NULL
       OR (SELECT opened_at FROM rounds WHERE id = NEW.round_id) IS NULL THEN
        RAISE EXCEPTION 'recusals are recorded only while their round is open';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ballot_recusals_locked BEFORE INSERT ON ballot_recusals
    FOR EACH ROW EXECUTE FUNCTION ballot_recusals_locked_outside_their_round();
