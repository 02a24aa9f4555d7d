//! What makes two uploads the same photograph: a hash of the decoded pixels
//! (the same picture saved again with other metadata or as PNG) and
//! perceptual hashes (`image_hasher`: dHash, Blockhash and a DCT hash, and
//! the dHash of the mirrored picture) that survive resizing, recompression,
//! light crops, brightening and greyscale. Made from the thumbnail's pixels,
//! upright and in sRGB, so the cost is about a millisecond per upload.

use image::RgbImage;
use image_hasher::{HashAlg, HasherConfig, ImageHash};
use sha2::{Digest, Sha256};

/// Slices of each 64-bit hash that the database indexes (8 bits each): two
/// hashes within [`BANDS`] − 1 bits of each other share at least one slice
/// exactly (pigeonhole), and most pairs a little further apart do too, so
/// near pairs are found by index lookups, never by reading the contest.
pub const BANDS: usize = 8;

/// The thresholds, measured on edited copies of the camera fixtures and on
/// unrelated photos (`cargo run --release --example fingerprint_thresholds`,
/// figures in docs/benchmarks.md). Recompressed, resized, brightened,
/// greyscaled copies: dHash within [`SAME_DHASH`] of 64 bits, confirmed by a
/// Blockhash within [`SAME_BLOCK`] (the two fail on different edits).
pub const SAME_DHASH: u32 = 7;
/// See [`SAME_DHASH`].
pub const SAME_BLOCK: u32 = 14;
/// Cropped copies (3–5 % a side) move dHash far, the DCT hash and Blockhash
/// little: within [`CROP_PHASH`] and [`CROP_BLOCK`]. Unrelated photos lie
/// at 20 and more (DCT hash) when their Blockhash is that close.
pub const CROP_PHASH: u32 = 16;
/// See [`CROP_PHASH`].
pub const CROP_BLOCK: u32 = 12;
/// A mirrored copy: the mirror's dHash within this of the other's.
pub const MIRROR_DHASH: u32 = 3;

/// Slices a stored photo must share with an upload to be compared with it.
/// A hash within 6 bits shares at least two of its eight slices; an edited
/// copy shares many more across the three hashes (every copy of the
/// fixtures does: `fingerprint_thresholds`), an unrelated photo rarely two
/// (about 0.7 % of a contest with random hashes).
pub const MIN_SHARED_SLICES: usize = 2;

/// Where each hash's slices are numbered in the index.
const DHASH_SLICES: i64 = 0;
const BLOCK_SLICES: i64 = 8;
const PHASH_SLICES: i64 = 16;

/// The fingerprints of one photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256 (hex) of the thumbnail's RGB pixels and size.
    pub pixels: String,
    /// dHash of the upright picture.
    pub dhash: i64,
    /// dHash of its mirror image, to find a flipped copy.
    pub dhash_mirror: i64,
    /// Blockhash of the upright picture.
    pub block: i64,
    /// DCT hash (median of the low frequencies, "pHash") of the picture.
    pub phash: i64,
}

fn bits(hash: &ImageHash) -> i64 {
    let mut out = [0u8; 8];
    for (slot, byte) in out.iter_mut().zip(hash.as_bytes()) {
        *slot = *byte;
    }
    i64::from_be_bytes(out)
}

impl Fingerprint {
    /// The fingerprints of an upright sRGB picture (the thumbnail).
    pub fn of(picture: &RgbImage) -> Self {
        let dhash = HasherConfig::new()
            .hash_alg(HashAlg::Gradient)
            .hash_size(8, 8)
            .to_hasher();
        let block = HasherConfig::new()
            .hash_alg(HashAlg::Blockhash)
            .hash_size(8, 8)
            .to_hasher();
        let phash = HasherConfig::new()
            .hash_alg(HashAlg::Median)
            .preproc_dct()
            .hash_size(8, 8)
            .to_hasher();
        let mirror = image::imageops::flip_horizontal(picture);
        let mut sha = Sha256::new();
        sha.update(picture.width().to_be_bytes());
        sha.update(picture.height().to_be_bytes());
        sha.update(picture.as_raw());
        Self {
            pixels: hex::encode(sha.finalize()),
            dhash: bits(&dhash.hash_image(picture)),
            dhash_mirror: bits(&dhash.hash_image(&mirror)),
            block: bits(&block.hash_image(picture)),
            phash: bits(&phash.hash_image(picture)),
        }
    }

    /// The slices the index stores for this photo: `(slice number, 8 bits)`.
    pub fn slices(&self) -> Vec<(i64, i64)> {
        [
            (DHASH_SLICES, self.dhash),
            (BLOCK_SLICES, self.block),
            (PHASH_SLICES, self.phash),
        ]
        .into_iter()
        .flat_map(|(first, hash)| slices_of(first, hash))
        .collect()
    }

    /// The slices to look up for candidates: its own, and its mirror's dHash
    /// among the others' dHash slices.
    pub fn probes(&self) -> Vec<(i64, i64)> {
        let mut probes = self.slices();
        probes.extend(slices_of(DHASH_SLICES, self.dhash_mirror));
        // A slice the mirror shares with the picture is looked up once.
        probes.sort_unstable();
        probes.dedup();
        probes
    }
}

fn slices_of(first: i64, hash: i64) -> [(i64, i64); BANDS] {
    let bytes = hash.to_be_bytes();
    std::array::from_fn(|i| (first + i as i64, i64::from(bytes[i])))
}

/// The number of bits in which two hashes differ.
pub fn distance(a: i64, b: i64) -> u32 {
    (a ^ b).count_ones()
}

/// How near two photos are, from their fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// The same decoded pixels.
    Identical,
    /// The same photograph edited (resized, recompressed, cropped a little,
    /// brightened, greyscaled): the distance of the hash that matched.
    Near(u32),
    /// The same photograph mirrored: the distance to the mirrored dHash.
    Mirrored(u32),
}

/// Whether `a` and `b` are the same photograph, and how.
pub fn likeness(a: &Fingerprint, b: &Fingerprint) -> Option<Likeness> {
    if a.pixels == b.pixels {
        return Some(Likeness::Identical);
    }
    let dhash = distance(a.dhash, b.dhash);
    let block = distance(a.block, b.block);
    if dhash <= SAME_DHASH && block <= SAME_BLOCK {
        return Some(Likeness::Near(dhash));
    }
    let phash = distance(a.phash, b.phash);
    if phash <= CROP_PHASH && block <= CROP_BLOCK {
        return Some(Likeness::Near(phash));
    }
    // The other hashes of a mirror are not at hand: dHash alone, strictly.
    let mirrored = distance(a.dhash_mirror, b.dhash);
    (mirrored <= MIRROR_DHASH).then_some(Likeness::Mirrored(mirrored))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, seed: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let v = ((x * 7 + y * 3 + seed * 31) % 256) as u8;
            let u = ((x * x / 5 + y * seed) % 256) as u8;
            image::Rgb([v, u, v / 2])
        })
    }

    #[test]
    fn a_picture_is_identical_to_itself_and_its_mirror_is_found() {
        let a = gradient(480, 320, 3);
        let fa = Fingerprint::of(&a);
        assert_eq!(likeness(&fa, &fa.clone()), Some(Likeness::Identical));
        let flipped = Fingerprint::of(&image::imageops::flip_horizontal(&a));
        assert_eq!(flipped.dhash, fa.dhash_mirror);
        assert!(matches!(
            likeness(&fa, &flipped),
            Some(Likeness::Mirrored(0))
        ));
    }

    #[test]
    fn slices_cover_each_hash_and_distance_counts_bits() {
        let hash = i64::from_be_bytes([1, 2, 3, 4, 5, 6, 7, 0x80]);
        let fp = Fingerprint {
            pixels: String::new(),
            dhash: hash,
            dhash_mirror: 0,
            block: hash,
            phash: -1,
        };
        let slices = fp.slices();
        assert_eq!(slices.len(), 24);
        assert_eq!(slices[0], (0, 1));
        assert_eq!(slices[7], (7, 0x80));
        assert_eq!(slices[8], (8, 1));
        assert_eq!(slices[23], (23, 0xFF));
        let probes = fp.probes();
        assert_eq!(probes.len(), 32);
        assert!(
            [0, 1, 2, 3, 4, 5, 6, 7]
                .iter()
                .all(|b| probes.contains(&(*b, 0)))
        );
        assert_eq!(distance(hash, hash ^ 0b1011), 3);
        assert_eq!(distance(-1, 0), 64);
    }
}
