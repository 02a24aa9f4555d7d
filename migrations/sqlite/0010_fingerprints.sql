-- The same photograph entered twice, and what the camera wrote: each
-- photo's fingerprints (a hash of its decoded pixels, perceptual hashes),
-- its capture time, camera, body serial and image id (read for the admin
-- only), the indexed slices of its dHash that find near pairs without a
-- walk over the contest, the pairs found, and the window a contest may set
-- for the capture date. Photos uploaded before this migration have none of
-- these (NULL) and are never paired.

-- Inclusive dates, 'YYYY-MM-DD'; NULL: no bound.
ALTER TABLE contests ADD COLUMN taken_from TEXT
    CONSTRAINT contests_taken_from_date CHECK (taken_from IS NULL OR length(taken_from) = 10);
ALTER TABLE contests ADD COLUMN taken_until TEXT
    CONSTRAINT contests_taken_until_date CHECK (taken_until IS NULL OR length(taken_until) = 10);

ALTER TABLE photos ADD COLUMN pixels_sha256 TEXT;
ALTER TABLE photos ADD COLUMN dhash BIGINT;
ALTER TABLE photos ADD COLUMN dhash_mirror BIGINT;
ALTER TABLE photos ADD COLUMN blockhash BIGINT;
ALTER TABLE photos ADD COLUMN phash BIGINT;
-- "2017-05-04 18:02:01 +05:00" as the camera wrote it.
ALTER TABLE photos ADD COLUMN taken TEXT;
ALTER TABLE photos ADD COLUMN camera TEXT;
ALTER TABLE photos ADD COLUMN camera_serial TEXT;
ALTER TABLE photos ADD COLUMN image_unique_id TEXT;

CREATE INDEX photos_pixels_idx ON photos (contest_id, pixels_sha256);
CREATE INDEX photos_camera_serial_idx ON photos (contest_id, camera_serial);
CREATE INDEX photos_image_unique_id_idx ON photos (contest_id, image_unique_id);

-- The 8-bit slices of each photo's perceptual hashes (0-7 dHash, 8-15
-- Blockhash, 16-23 DCT hash): two hashes within 7 bits share at least one
-- slice, so lookups by slice find near candidates without a walk.
CREATE TABLE photo_hash_bands (
    contest_id INTEGER NOT NULL,
    band INTEGER NOT NULL,
    value INTEGER NOT NULL,
    photo_id INTEGER NOT NULL,
    CONSTRAINT photo_hash_bands_pkey PRIMARY KEY (contest_id, band, value, photo_id),
    CONSTRAINT photo_hash_bands_photo_fk FOREIGN KEY (photo_id) REFERENCES photos (id) ON DELETE CASCADE,
    CONSTRAINT photo_hash_bands_slice CHECK (band BETWEEN 0 AND 23 AND value BETWEEN 0 AND 255)
);
CREATE INDEX photo_hash_bands_photo_idx ON photo_hash_bands (photo_id);

-- Two photos of a contest that look like one photograph (identical pixels,
-- near, mirrored) or come from one camera body or one exposure; the lower
-- id first. Shown on screening, to admins only.
CREATE TABLE photo_pairs (
    photo_a INTEGER NOT NULL,
    photo_b INTEGER NOT NULL,
    contest_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    distance INTEGER NOT NULL DEFAULT 0,
    found_at INTEGER NOT NULL,
    CONSTRAINT photo_pairs_pkey PRIMARY KEY (photo_a, photo_b, kind),
    CONSTRAINT photo_pairs_a_fk FOREIGN KEY (photo_a) REFERENCES photos (id) ON DELETE CASCADE,
    CONSTRAINT photo_pairs_b_fk FOREIGN KEY (photo_b) REFERENCES photos (id) ON DELETE CASCADE,
    CONSTRAINT photo_pairs_contest_fk FOREIGN KEY (contest_id) REFERENCES contests (id),
    CONSTRAINT photo_pairs_ordered CHECK (photo_a < photo_b),
    CONSTRAINT photo_pairs_kind_known CHECK (kind IN ('identical', 'near', 'mirrored', 'camera', 'image_id'))
);
CREATE INDEX photo_pairs_b_idx ON photo_pairs (photo_b);
CREATE INDEX photo_pairs_contest_idx ON photo_pairs (contest_id, kind);
