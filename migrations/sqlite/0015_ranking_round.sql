-- A ranking round after the criteria round (0014 already names the kinds
-- 'criteria' and 'ranking'): the admin adds it as two rows, the criteria
-- round, which then has a row to close and a snapshot, and the ranking round
-- after it. Each contest has at most one of each.
CREATE UNIQUE INDEX rounds_one_criteria_and_one_ranking ON rounds (contest_id, kind)
    WHERE kind IN ('criteria', 'ranking');

-- Once the criteria round closed, its scores decided the finalists: they are
-- locked as finalization locks them, whatever the application does.
CREATE TRIGGER scores_locked_after_criteria_insert BEFORE INSERT ON scores
WHEN EXISTS (SELECT 1 FROM rounds WHERE contest_id = NEW.contest_id
             AND kind = 'criteria' AND closed_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'scores are locked once the criteria round closed');
END;
CREATE TRIGGER scores_locked_after_criteria_update BEFORE UPDATE ON scores
WHEN EXISTS (SELECT 1 FROM rounds WHERE contest_id = OLD.contest_id
             AND kind = 'criteria' AND closed_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'scores are locked once the criteria round closed');
END;
CREATE TRIGGER scores_locked_after_criteria_delete BEFORE DELETE ON scores
WHEN EXISTS (SELECT 1 FROM rounds WHERE contest_id = OLD.contest_id
             AND kind = 'criteria' AND closed_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'scores are locked once the criteria round closed');
END;
