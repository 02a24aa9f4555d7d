//! Hostile files, generated in the test (none is stored in the repository).
#![allow(dead_code)]

use std::io::Write;

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale
    png_chunk(&mut out, b"IHDR", &ihdr);
    out
}

/// A tiny PNG whose header declares `width × height` (65 bytes for 100000²).
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut out = png_header(width, height);
    png_chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A compressed bomb: `width × height` zero pixels, deflated to a small file.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut encoded = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut encoded, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let zeros = vec![0u8; width as usize];
        for _ in 0..height {
            stream.write_all(&zeros).unwrap();
        }
        stream.finish().unwrap();
    }
    encoded
}

/// A valid small JPEG (16×16, grey).
pub fn small_jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    let pixels = vec![128u8; 16 * 16 * 3];
    jpeg_encoder::Encoder::new(&mut out, 80)
        .encode(&pixels, 16, 16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// A small JPEG whose frame header declares `width × height`.
pub fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = small_jpeg();
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline frame");
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// The first half of a real photo.
pub fn cut_in_half(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len() / 2].to_vec()
}

/// An HTML page (to be sent as photo.jpg).
pub fn html_page() -> Vec<u8> {
    b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>".to_vec()
}

/// An SVG drawing with a script.
pub fn svg_with_script() -> Vec<u8> {
    b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec()
}

/// The start of a HEIC file, as phones write it.
pub fn heic_like() -> Vec<u8> {
    let mut v = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    v.resize(4096, 0);
    v
}

/// A valid small JPEG with a ZIP archive and an HTML page appended after its
/// end marker (a "polyglot"): the pixels are fine, the rest must not survive.
pub fn jpeg_with_zip_and_html() -> Vec<u8> {
    let mut out = small_jpeg();
    out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00payload.txt");
    out.extend_from_slice(b"<html><script>alert('polyglot')</script></html>");
    out
}

/// A valid 64×48 PNG carrying a zTXt chunk that inflates to `megabytes` MB.
pub fn png_with_text_bomb(megabytes: usize) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 64, 48);
        encoder.set_color(png::ColorType::Grayscale);
        encoder
            .add_ztxt_chunk("Comment".into(), "A".repeat(megabytes * 1_000_000))
            .unwrap();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[128; 64 * 48]).unwrap();
    }
    out
}

/// The first bytes of a little-endian TIFF.
pub fn tiff_like() -> Vec<u8> {
    let mut out = b"II*\x00\x08\x00\x00\x00".to_vec();
    out.resize(512, 0);
    out
}

/// A PDF document's first bytes.
pub fn pdf_like() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec()
}
