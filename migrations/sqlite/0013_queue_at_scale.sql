-- A juror's queue read from indexes, so that no juror request walks it: the
-- next, the previous and the next entry to score are seeks on
-- (juror_id, sort_key, id) (the second index holds only what is left to
-- score), and each juror's progress per category is counted as it changes,
-- by the triggers below, rather than counted on every page.
CREATE INDEX assignments_queue_idx ON assignments (juror_id, sort_key, id);
CREATE INDEX assignments_todo_idx ON assignments (juror_id, sort_key, id)
    WHERE scored_at IS NULL AND recused_at IS NULL;
-- A prefix of the first: kept, it would only cost writes.
DROP INDEX assignments_juror_idx;

CREATE TABLE juror_progress (
    juror_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    -- Entries in the juror's queue (assigned, not recused).
    assigned INTEGER NOT NULL,
    -- Of these, the ones with a saved score.
    scored INTEGER NOT NULL,
    CONSTRAINT juror_progress_pkey PRIMARY KEY (juror_id, category_id),
    CONSTRAINT juror_progress_juror_fk FOREIGN KEY (juror_id) REFERENCES jurors (id),
    CONSTRAINT juror_progress_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
    CONSTRAINT juror_progress_counts CHECK (scored >= 0 AND scored <= assigned)
);
INSERT INTO juror_progress (juror_id, category_id, assigned, scored)
SELECT a.juror_id, e.category_id, COUNT(*),
       SUM(CASE WHEN a.scored_at IS NULL THEN 0 ELSE 1 END)
FROM assignments a JOIN entries e ON e.id = a.entry_id
WHERE a.recused_at IS NULL
GROUP BY a.juror_id, e.category_id;

-- Each trigger adds what the row counts for now and takes away what it
-- counted for before (1 in the queue, 1 more if scored; 0 once recused).
CREATE TRIGGER juror_progress_on_insert AFTER INSERT ON assignments
WHEN NEW.recused_at IS NULL
BEGIN
    INSERT INTO juror_progress (juror_id, category_id, assigned, scored)
    VALUES (NEW.juror_id, (SELECT category_id FROM entries WHERE id = NEW.entry_id),
            1, NEW.scored_at IS NOT NULL)
    ON CONFLICT (juror_id, category_id) DO UPDATE
        SET assigned = assigned + excluded.assigned, scored = scored + excluded.scored;
END;
CREATE TRIGGER juror_progress_on_delete AFTER DELETE ON assignments
WHEN OLD.recused_at IS NULL
BEGIN
    UPDATE juror_progress
        SET assigned = assigned - 1, scored = scored - (OLD.scored_at IS NOT NULL)
        WHERE juror_id = OLD.juror_id
          AND category_id = (SELECT category_id FROM entries WHERE id = OLD.entry_id);
END;
CREATE TRIGGER juror_progress_on_update AFTER UPDATE OF scored_at, recused_at ON assignments
WHEN (OLD.scored_at IS NULL) <> (NEW.scored_at IS NULL)
  OR (OLD.recused_at IS NULL) <> (NEW.recused_at IS NULL)
BEGIN
    -- An update, not an upsert: the row exists since the assignment was
    -- inserted, and an upsert's candidate row of deltas would fail the CHECK.
    UPDATE juror_progress
        SET assigned = assigned + (NEW.recused_at IS NULL) - (OLD.recused_at IS NULL),
            scored = scored + (NEW.recused_at IS NULL AND NEW.scored_at IS NOT NULL)
                            - (OLD.recused_at IS NULL AND OLD.scored_at IS NOT NULL)
        WHERE juror_id = NEW.juror_id
          AND category_id = (SELECT category_id FROM entries WHERE id = NEW.entry_id);
END;

-- Each assignment's weighted total (the juror's score for the entry), kept
-- by the database as scores are saved, so that the admin's monitor sums a
-- juror's totals from an index instead of reading every score: the formula
-- of `contests::structure::weighted_mean`, Σ value·weight / Σ weight over
-- every criterion, NULL while a criterion has no score or no criterion has a
-- weight.
ALTER TABLE assignments ADD COLUMN total REAL;
UPDATE assignments SET total = (
    SELECT SUM(s.value * c.weight) / NULLIF(SUM(c.weight), 0)
    FROM scores s JOIN criteria c ON c.id = s.criterion_id
    WHERE s.juror_id = assignments.juror_id AND s.entry_id = assignments.entry_id
    HAVING COUNT(*) = (SELECT COUNT(*) FROM criteria WHERE contest_id = assignments.contest_id)
);
-- Computed when a save marks the assignment scored, after its scores are
-- written (`jury::scores::save` sets `scored_at` last): once per save, not
-- once per criterion.
CREATE TRIGGER assignments_total_on_save AFTER UPDATE OF scored_at ON assignments
WHEN NEW.scored_at IS NOT NULL
BEGIN
    UPDATE assignments SET total = (
        SELECT SUM(s.value * c.weight) / NULLIF(SUM(c.weight), 0)
        FROM scores s JOIN criteria c ON c.id = s.criterion_id
        WHERE s.juror_id = NEW.juror_id AND s.entry_id = NEW.entry_id
        HAVING COUNT(*) = (SELECT COUNT(*) FROM criteria WHERE contest_id = NEW.contest_id)
    ) WHERE id = NEW.id;
END;
-- What the monitor reads per juror, each from an index: the last save, the
-- recusals, and the totals of the live scored work (covering).
CREATE INDEX assignments_saved_idx ON assignments (juror_id, scored_at);
CREATE INDEX assignments_recused_idx ON assignments (juror_id, recused_at)
    WHERE recused_at IS NOT NULL;
CREATE INDEX assignments_total_idx ON assignments (juror_id, total)
    WHERE recused_at IS NULL AND scored_at IS NOT NULL;

-- Entry numbers as wide as the contest needs: five digits hold 90,000
-- numbers, and a uniform draw over the free ones slows as they fill, so a
-- contest expecting tens of thousands of entries uses six or seven. Chosen
-- before the contest opens and never changed after: numbers of two widths in
-- one contest would tell early entries from late ones.
ALTER TABLE contests ADD COLUMN number_digits INTEGER NOT NULL DEFAULT 5
    CONSTRAINT contests_number_digits_range CHECK (number_digits BETWEEN 5 AND 7);
