-- What a juror has typed for an entry and not yet completed (a criterion
-- empty or off its scale), kept as typed so that moving to another entry,
-- closing the tab or a dropped connection loses nothing: a JSON object of
-- field name to text ({"c7": "8", "comment": "…"}). NULL once every
-- criterion has a value and the score is saved. A drafted assignment is
-- work begun: rebalancing never moves it to another juror.
ALTER TABLE assignments ADD COLUMN draft TEXT
    CONSTRAINT assignments_draft_bounded CHECK (draft IS NULL OR length(draft) <= 20000);
ALTER TABLE assignments ADD COLUMN draft_at BIGINT;
