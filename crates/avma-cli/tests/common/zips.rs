//! Hand-made zip archives for the bundle tests: sizes and names that lie, and a deflate stream
//! that expands to gigabytes from a few megabytes.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

/// One entry of a hand-made zip: name, method (0 stored, 8 deflate), data as stored, the size
/// declared uncompressed, and unix mode bits (for symlinks).
pub struct RawEntry<'a> {
    pub name: &'a str,
    pub method: u16,
    pub data: &'a [u8],
    pub declared: u64,
    pub mode: Option<u32>,
}

/// A zip written by hand, so that sizes and names can lie. Zip64 fields when a size needs them.
pub fn raw_zip(entries: &[RawEntry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for e in entries {
        let offset = out.len() as u64;
        let big = e.declared >= 0xFFFF_FFFF;
        let crc = if e.method == 0 { crc32(e.data) } else { 0 };
        let mut extra = Vec::new();
        if big {
            u16le(&mut extra, 1);
            u16le(&mut extra, 16);
            extra.extend_from_slice(&e.declared.to_le_bytes());
            extra.extend_from_slice(&(e.data.len() as u64).to_le_bytes());
        }
        let (usize32, csize32) = if big {
            (0xFFFF_FFFF, 0xFFFF_FFFF)
        } else {
            (e.declared as u32, e.data.len() as u32)
        };
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, if big { 45 } else { 20 });
        u16le(&mut out, 0x0800);
        u16le(&mut out, e.method);
        u32le(&mut out, 0);
        u32le(&mut out, crc);
        u32le(&mut out, csize32);
        u32le(&mut out, usize32);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, extra.len() as u16);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&extra);
        out.extend_from_slice(e.data);
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, if e.mode.is_some() { 0x0314 } else { 20 });
        u16le(&mut central, if big { 45 } else { 20 });
        u16le(&mut central, 0x0800);
        u16le(&mut central, e.method);
        u32le(&mut central, 0);
        u32le(&mut central, crc);
        u32le(&mut central, csize32);
        u32le(&mut central, usize32);
        u16le(&mut central, e.name.len() as u16);
        u16le(&mut central, extra.len() as u16);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u32le(&mut central, e.mode.map_or(0, |m| m << 16));
        u32le(&mut central, offset as u32);
        central.extend_from_slice(e.name.as_bytes());
        central.extend_from_slice(&extra);
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend_from_slice(&central);
    let n = entries.len().min(0xFFFF) as u16;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, n);
    u16le(&mut out, n);
    u32le(&mut out, cd_len);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A raw deflate stream that expands to `copies` × 64 MiB of zeros, about 64 KiB per copy:
/// one full-flushed block repeated (no back-reference crosses a full flush), then a final one.
pub fn zeros_deflate(copies: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let mut block = Vec::with_capacity(1 << 20);
    c.compress_vec(&zeros, &mut block, flate2::FlushCompress::Full)
        .unwrap();
    assert_eq!(c.total_in(), zeros.len() as u64);
    let mut tail = Vec::with_capacity(64);
    c.compress_vec(&[], &mut tail, flate2::FlushCompress::Finish)
        .unwrap();
    let mut out = Vec::with_capacity(block.len() * copies + tail.len());
    for _ in 0..copies {
        out.extend_from_slice(&block);
    }
    out.extend_from_slice(&tail);
    out
}
