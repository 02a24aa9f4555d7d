//! Unit tests of the content-addressed file store (kept beside it, in their own file).
use super::*;

#[test]
fn a_stored_file_is_found_by_its_hash_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::open(dir.path()).unwrap();
    let hash = store.put(b"photo bytes").unwrap();
    assert_eq!(hash, sha256_hex(b"photo bytes"));
    assert_eq!(store.get(&hash).unwrap(), b"photo bytes");
    assert_eq!(store.put(b"photo bytes").unwrap(), hash);
    assert_eq!(store.temp_files().unwrap(), 0);
}

#[test]
fn a_dead_process_s_temp_files_are_removed_at_open_a_live_one_s_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let live = FileStore::open(dir.path()).unwrap();
    fs::write(live.tmp.join("in-flight"), b"partial").unwrap();
    let dead = FileStore::open(dir.path()).unwrap();
    let dead_tmp = dead.tmp.clone();
    fs::write(dead_tmp.join("half-written"), b"partial").unwrap();
    drop(dead); // the lock goes with it, as with a killed process
    let fresh = FileStore::open(dir.path()).unwrap();
    assert!(!dead_tmp.exists(), "the dead process's folder is gone");
    assert_eq!(
        live.temp_files().unwrap(),
        1,
        "the live upload is untouched"
    );
    assert_eq!(fresh.temp_files().unwrap(), 0);
}

#[test]
fn a_batch_that_cannot_be_written_leaves_nothing_and_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::open(dir.path()).unwrap();
    // The temp folder is not a folder: no temp file can be created.
    let second = b"second file";
    let hash = sha256_hex(second);
    let blocker = store.tmp.clone();
    let moved = dir.path().join("moved-away");
    fs::rename(&blocker, &moved).unwrap();
    fs::write(&blocker, b"not a directory").unwrap();
    assert!(store.put_all(&[b"first file", second]).is_err());
    fs::remove_file(&blocker).unwrap();
    fs::rename(&moved, &blocker).unwrap();
    assert!(!store.final_path(&sha256_hex(b"first file")).exists());
    assert!(!store.final_path(&hash).exists());
    assert_eq!(store.temp_files().unwrap(), 0);
    let hashes = store.put_all(&[b"first file", second]).unwrap();
    assert_eq!(
        hashes,
        vec![(sha256_hex(b"first file"), true), (hash.clone(), true)]
    );
    let again = store.put_all(&[second]).unwrap();
    assert_eq!(again, vec![(hash, false)], "already stored: not created");
}

#[test]
fn hashes_that_are_not_sha256_name_no_path() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::open(dir.path()).unwrap();
    assert!(store.path("../../etc/passwd").is_none());
    assert!(store.path(&"A".repeat(64)).is_none());
}
