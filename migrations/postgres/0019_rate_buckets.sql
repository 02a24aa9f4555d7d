-- The attempt limits' token buckets (failed sign-ins, registrations,
-- emails to one address…), in the database so that every server process
-- behind a load balancer counts an attempt once. `at` is in milliseconds;
-- a bucket that has filled up again is deleted by the hourly housekeeping.
CREATE TABLE rate_buckets (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    at BIGINT NOT NULL,
    CONSTRAINT rate_buckets_pkey PRIMARY KEY (name, key)
);
