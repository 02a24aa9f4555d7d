-- A ranking round after the criteria round (0014 already names the kinds
-- 'criteria' and 'ranking'): the admin adds it as two rows, the criteria
-- round, which then has a row to close and a snapshot, and the ranking round
-- after it. Each contest has at most one of each.
CREATE UNIQUE INDEX rounds_one_criteria_and_one_ranking ON rounds (contest_id, kind)
    WHERE kind IN ('criteria', 'ranking');

-- Once the criteria round closed, its scores decided the finalists: they are
-- locked as finalization locks them, whatever the application does.
CREATE FUNCTION scores_locked_after_criteria() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cid := OLD.contest_id;
    ELSE
        cid := NEW.contest_id;
    END IF;
    IF EXISTS (SELECT 1 FROM rounds WHERE contest_id = cid
               AND kind = 'criteria' AND closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'scores are locked once the criteria round closed';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER scores_locked_after_criteria BEFORE INSERT OR UPDATE OR DELETE ON scores
    FOR EACH ROW EXECUTE FUNCTION scores_locked_after_criteria();
