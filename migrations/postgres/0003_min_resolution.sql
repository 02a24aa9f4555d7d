-- A contest may ask for a minimum resolution (long edge, in pixels); 0 = any.
ALTER TABLE contests ADD COLUMN min_long_edge BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contests ADD CONSTRAINT contests_min_long_edge_range CHECK (min_long_edge BETWEEN 0 AND 12000);
