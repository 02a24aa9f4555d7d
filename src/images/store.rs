//! Content-addressed file storage under the data dir. A file is durable before
//! any row points to it: written to a temp file, fsynced, renamed into place,
//! and the directory fsynced. Interrupted writes leave only temp files, which
//! the next start-up removes.
//!
//! Each process writes its temp files in a folder of its own under
//! `files/tmp/`, locked (`flock`) for as long as the process lives, so that
//! several processes can share a data dir: start-up removes only the folders
//! whose process is gone, never an upload in flight elsewhere.

use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rand::RngCore;
use sha2::{Digest, Sha256};

/// The lock file inside each process's temp folder.
const LOCK: &str = ".lock";

/// Files named by the SHA-256 of their bytes.
#[derive(Debug, Clone)]
pub struct FileStore {
    objects: PathBuf,
    /// This process's temp folder (`files/tmp/<random>`).
    tmp: PathBuf,
    /// Held locked while the process lives; dropped with the last clone.
    _lock: Arc<File>,
}

/// The lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `hash` is a lower-case hex SHA-256 (the only names stored).
pub(crate) fn valid_hash(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates `dir` and its parents readable by this user only (0700): the data
/// dir holds originals with their metadata and everyone's identity.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Creates a new file readable and writable by this user only (0600).
fn create_private_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// A temp file in this process's folder, removed when dropped: an upload
/// being received is written here instead of being held in memory.
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl FileStore {
    /// Opens (creating) `DATA_DIR/files`, removes what crashed processes left
    /// in `files/tmp/`, and makes this process's own locked temp folder.
    pub fn open(data_dir: &Path) -> io::Result<Self> {
        let root = data_dir.join("files");
        let objects = root.join("objects");
        let tmp_root = root.join("tmp");
        create_private_dir(&objects)?;
        create_private_dir(&tmp_root)?;
        remove_abandoned(&tmp_root)?;
        let mut nonce = [0u8; 8];
        rand::rng().fill_bytes(&mut nonce);
        let tmp = tmp_root.join(hex::encode(nonce));
        create_private_dir(&tmp)?;
        // Held open read-only: a file open for writing would keep the disk
        // from being remounted read-only.
        create_private_file(&tmp.join(LOCK))?;
        let lock = File::open(tmp.join(LOCK))?;
        lock.try_lock().map_err(io::Error::other)?;
        Ok(Self {
            objects,
            tmp,
            _lock: Arc::new(lock),
        })
    }

    /// The folder of stored files (`files/objects`, one folder per first byte).
    pub fn objects_dir(&self) -> &Path {
        &self.objects
    }

    /// Where the file with this hash lives (`objects/ab/abcdef…`).
    pub fn path(&self, hash: &str) -> Option<PathBuf> {
        valid_hash(hash).then(|| self.objects.join(&hash[..2]).join(hash))
    }

    /// Stores `bytes` durably and returns their hash. Storing the same bytes
    /// twice keeps one file.
    pub fn put(&self, bytes: &[u8]) -> io::Result<String> {
        let mut hashes = self.put_all(&[bytes])?;
        let (hash, _) = hashes.pop().ok_or_else(|| io::Error::other("no hash"))?;
        Ok(hash)
    }

    /// Stores many files and returns their hashes in order, written and
    /// renamed into place without a sync each: **not durable until
    /// [`FileStore::sync`]**, which the caller runs before committing the
    /// rows that point to them. For filling a store with many files at once
    /// (`demo --entries`), where a sync per file (1.6 ms here) would take
    /// minutes; a crash before the sync leaves files no row points to, as
    /// any interrupted upload may.
    pub fn put_many(&self, files: &[&[u8]]) -> io::Result<Vec<String>> {
        let mut hashes = Vec::with_capacity(files.len());
        for bytes in files {
            let hash = sha256_hex(bytes);
            let path = self.final_path(&hash);
            if !path.exists() {
                let mut nonce = [0u8; 8];
                rand::rng().fill_bytes(&mut nonce);
                let tmp = self
                    .tmp
                    .join(format!("{}.{}", &hash[..16], hex::encode(nonce)));
                create_private_file(&tmp)?.write_all(bytes)?;
                create_private_dir(&self.objects.join(&hash[..2]))?;
                fs::rename(&tmp, &path)?;
            }
            hashes.push(hash);
        }
        Ok(hashes)
    }

    /// Makes every file written so far durable: one `syncfs` for the whole
    /// file system, after [`FileStore::put_many`] and before the rows that
    /// point to its files are committed.
    pub fn sync(&self) -> io::Result<()> {
        rustix::fs::syncfs(File::open(&self.objects)?)?;
        Ok(())
    }

    /// Stores several files as one: all are written to temp files and fsynced
    /// before any is renamed into place, so when the disk fills up (or turns
    /// read-only) half-way, the temp files are removed and nothing of the
    /// upload remains. Returns the hashes in the order given, each with
    /// whether this call created the file (false: it was already stored).
    pub fn put_all(&self, files: &[&[u8]]) -> io::Result<Vec<(String, bool)>> {
        let mut staged: Vec<(String, Option<PathBuf>)> = Vec::with_capacity(files.len());
        let mut created = Vec::with_capacity(files.len());
        let written = (|| {
            for bytes in files {
                let hash = sha256_hex(bytes);
                if self.final_path(&hash).exists() {
                    staged.push((hash, None));
                    created.push(false);
                    continue;
                }
                created.push(true);
                let mut nonce = [0u8; 8];
                rand::rng().fill_bytes(&mut nonce);
                let tmp = self
                    .tmp
                    .join(format!("{}.{}", &hash[..16], hex::encode(nonce)));
                staged.push((hash, Some(tmp.clone())));
                let mut file = create_private_file(&tmp)?;
                file.write_all(bytes)?;
                file.sync_all()?;
            }
            for (hash, tmp) in &mut staged {
                let Some(from) = tmp.take() else { continue };
                let path = self.final_path(hash);
                let dir = self.objects.join(&hash[..2]);
                *tmp = Some(from.clone());
                create_private_dir(&dir)?;
                fs::rename(&from, &path)?;
                *tmp = None;
                sync_dir(&dir)?;
            }
            Ok(())
        })();
        if let Err(err) = written {
            for tmp in staged.iter().filter_map(|(_, tmp)| tmp.as_ref()) {
                let _ = fs::remove_file(tmp);
            }
            return Err(err);
        }
        Ok(staged
            .into_iter()
            .zip(created)
            .map(|((hash, _), created)| (hash, created))
            .collect())
    }

    fn final_path(&self, hash: &str) -> PathBuf {
        self.objects.join(&hash[..2]).join(hash)
    }

    /// Stores a received temp file (one of [`FileStore::temp_file`]'s, whose
    /// [`TempFile`] then has nothing left to remove) under `hash` (its
    /// SHA-256, computed as it arrived) by renaming it into place: a file of hundreds of megabytes is
    /// never read into memory. Returns whether this call created the file.
    pub fn adopt(&self, temp: &Path, hash: &str) -> io::Result<bool> {
        let path = self
            .path(hash)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256"))?;
        if path.exists() {
            return Ok(false);
        }
        File::open(temp)?.sync_all()?;
        let dir = self.objects.join(&hash[..2]);
        create_private_dir(&dir)?;
        fs::rename(temp, &path)?;
        sync_dir(&dir)?;
        Ok(true)
    }

    /// Whether the file with this hash is stored.
    pub fn contains(&self, hash: &str) -> bool {
        self.path(hash).is_some_and(|p| p.exists())
    }

    /// Removes a stored file (an upload that lost a race and that no row
    /// names). Removing a file that is not there is not an error.
    pub fn remove(&self, hash: &str) -> io::Result<()> {
        let path = self
            .path(hash)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256"))?;
        match fs::remove_file(path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }

    /// A new, empty temp file (0600) in this process's folder.
    pub fn temp_file(&self) -> io::Result<(TempFile, File)> {
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let path = self.tmp.join(format!("upload.{}", hex::encode(nonce)));
        let file = create_private_file(&path)?;
        Ok((TempFile { path }, file))
    }

    /// Reads a stored file.
    pub fn get(&self, hash: &str) -> io::Result<Vec<u8>> {
        let path = self
            .path(hash)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256"))?;
        fs::read(path)
    }

    /// Reads a stored file on a blocking thread (for request handlers).
    pub async fn read(&self, hash: String) -> io::Result<Vec<u8>> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.get(&hash))
            .await
            .map_err(io::Error::other)?
    }

    /// Number of temp files in this process's folder (zero between uploads).
    pub fn temp_files(&self) -> io::Result<usize> {
        Ok(fs::read_dir(&self.tmp)?
            .flatten()
            .filter(|e| e.file_name() != LOCK)
            .count())
    }
}

/// Removes loose temp files and every process folder whose lock is free (its
/// process has exited or was killed: the kernel released its lock).
fn remove_abandoned(tmp_root: &Path) -> io::Result<()> {
    for entry in fs::read_dir(tmp_root)? {
        let entry = entry?;
        let path = entry.path();
        if !entry.file_type()?.is_dir() {
            fs::remove_file(&path)?;
            continue;
        }
        let abandoned = match File::open(path.join(LOCK)) {
            Ok(lock) => match lock.try_lock() {
                Ok(()) => true,
                Err(TryLockError::WouldBlock) => false,
                Err(TryLockError::Error(err)) => return Err(err),
            },
            // A folder without a lock file was cut off while being made.
            Err(err) if err.kind() == io::ErrorKind::NotFound => true,
            Err(err) => return Err(err),
        };
        if abandoned {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
