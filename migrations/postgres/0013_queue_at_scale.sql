-- A juror's queue read from indexes, so that no juror request walks it: the
-- next, the previous and the next entry to score are seeks on
-- (juror_id, sort_key, id) (the second index holds only what is left to
-- score), and each juror's progress per category is counted as it changes,
-- by the trigger below, rather than counted on every page.
CREATE INDEX assignments_queue_idx ON assignments (juror_id, sort_key, id);
CREATE INDEX assignments_todo_idx ON assignments (juror_id, sort_key, id)
    WHERE scored_at IS NULL AND recused_at IS NULL;
-- A prefix of the first: kept, it would only cost writes.
DROP INDEX assignments_juror_idx;

CREATE TABLE juror_progress (
    juror_id BIGINT NOT NULL,
    category_id BIGINT NOT NULL,
    -- Entries in the juror's queue (assigned, not recused).
    assigned BIGINT NOT NULL,
    -- Of these, the ones with a saved score.
    scored BIGINT NOT NULL,
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

-- Adds what the row counts for now and takes away what it counted for
-- before (1 in the queue, 1 more if scored; 0 once recused).
CREATE FUNCTION juror_progress_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d_assigned BIGINT := 0;
    d_scored BIGINT := 0;
    row_juror BIGINT;
    row_entry BIGINT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.recused_at IS NULL THEN
        d_assigned := d_assigned - 1;
        IF OLD.scored_at IS NOT NULL THEN
            d_scored := d_scored - 1;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.recused_at IS NULL THEN
        d_assigned := d_assigned + 1;
        IF NEW.scored_at IS NOT NULL THEN
            d_scored := d_scored + 1;
        END IF;
    END IF;
    IF d_assigned = 0 AND d_scored = 0 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        row_juror := OLD.juror_id;
        row_entry := OLD.entry_id;
    ELSE
        row_juror := NEW.juror_id;
        row_entry := NEW.entry_id;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO juror_progress AS p (juror_id, category_id, assigned, scored)
        VALUES (row_juror, (SELECT category_id FROM entries WHERE id = row_entry), d_assigned, d_scored)
        ON CONFLICT (juror_id, category_id) DO UPDATE
            SET assigned = p.assigned + excluded.assigned, scored = p.scored + excluded.scored;
    ELSE
        -- An update, not an upsert: the row exists since the assignment was
        -- inserted, and an upsert's candidate row of deltas would fail the CHECK.
        UPDATE juror_progress
            SET assigned = assigned + d_assigned, scored = scored + d_scored
            WHERE juror_id = row_juror
              AND category_id = (SELECT category_id FROM entries WHERE id = row_entry);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER juror_progress_count AFTER INSERT OR DELETE OR UPDATE OF scored_at, recused_at
    ON assignments FOR EACH ROW EXECUTE FUNCTION juror_progress_count();

-- Each assignment's weighted total (the juror's score for the entry), kept
-- by the database as scores are saved, so that the admin's monitor sums a
-- juror's totals from an index instead of reading every score: the formula
-- of `contests::structure::weighted_mean`, Σ value·weight / Σ weight over
-- every criterion, NULL while a criterion has no score or no criterion has a
-- weight.
ALTER TABLE assignments ADD COLUMN total DOUBLE PRECISION;
UPDATE assignments SET total = (
    SELECT SUM(s.value * c.weight) / NULLIF(SUM(c.weight), 0)
    FROM scores s JOIN criteria c ON c.id = s.criterion_id
    WHERE s.juror_id = assignments.juror_id AND s.entry_id = assignments.entry_id
    HAVING COUNT(*) = (SELECT COUNT(*) FROM criteria WHERE contest_id = assignments.contest_id)
);
-- Computed when a save marks the assignment scored, after its scores are
-- written (`jury::scores::save` sets `scored_at` last): once per save, not
-- once per criterion.
CREATE FUNCTION assignments_total_of_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.total := (
        SELECT SUM(s.value * c.weight) / NULLIF(SUM(c.weight), 0)
        FROM scores s JOIN criteria c ON c.id = s.criterion_id
        WHERE s.juror_id = NEW.juror_id AND s.entry_id = NEW.entry_id
        HAVING COUNT(*) = (SELECT COUNT(*) FROM criteria WHERE contest_id = NEW.contest_id)
    );
    RETURN NEW;
END
$$;
CREATE TRIGGER assignments_total_on_save BEFORE UPDATE OF scored_at ON assignments
    FOR EACH ROW WHEN (NEW.scored_at IS NOT NULL) EXECUTE FUNCTION assignments_total_of_scores();
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
