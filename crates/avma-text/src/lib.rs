//! Text decoding by content, not by file extension, as a stream of lines.
//!
//! Admins hand over text in whatever encoding their console wrote: UTF-8 with or without a BOM,
//! UTF-16 (a PowerShell `>` redirect writes UTF-16LE with a BOM), Shift_JIS/CP932 from a
//! Japanese `cmd.exe` or GBK/CP936 from a Chinese one. [`sniff`] decides from the first bytes
//! (between the two legacy CJK encodings by which decoding gives known words and common text); [`LineStream`] then decodes
//! chunk by chunk and hands out complete lines, so memory stays bounded whatever the size.
//!
//! Pure: bytes in, lines out. The caller does the reading.

use encoding_rs::{Decoder, Encoding, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many bytes [`sniff`] wants to see (less is fine for short inputs).
pub const SNIFF_LEN: usize = 64 * 1024;
/// Longer lines are cut into pieces of this many bytes (reported once).
pub const MAX_LINE: usize = 1024 * 1024;

/// The encoding a text was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    ShiftJis,
    /// GBK/CP936 (a Simplified Chinese console).
    Gbk,
    /// Neither UTF-8 nor Shift_JIS nor GBK, but no control bytes: read as Windows-1252 (reported).
    Windows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::ShiftJis => "Shift_JIS/CP932",
            TextEncoding::Gbk => "GBK/CP936",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::ShiftJis => SHIFT_JIS,
            TextEncoding::Gbk => GBK,
            TextEncoding::Windows1252 => WINDOWS_1252,
        }
    }
}

/// Why an input is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    /// Binary data (NUL or control bytes) found at this byte offset.
    Binary {
        offset: u64,
    },
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => write!(f, "empty input"),
            NotText::Binary { offset } => {
                write!(f, "not text: binary data at byte offset {offset}")
            }
        }
    }
}

fn is_bad_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || b == 0x7F
}

/// The first control character that makes text binary. A byte below 0x80 is a whole character
/// in UTF-8, so bytes are scanned; blocks without one are passed over by a loop without an early
/// exit, which the compiler turns into vector instructions. A terminal's escape sequences are
/// text (`script` and PowerShell 7 transcripts keep their colours): an ESC that starts one
/// (`ESC [` CSI, `ESC ]` OSC up to its BEL or `ESC \`, or a two-byte escape) is not binary, nor
/// the BEL that ends an OSC; the cleaning step removes them.
fn first_bad_control(s: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in s.chunks(64) {
        if block.iter().fold(false, |any, &b| any | is_bad_control(b)) {
            return first_bad_from(s, at);
        }
        at += block.len();
    }
    None
}

/// The slow path of [`first_bad_control`] from `start`: linear, escape sequences passed over.
fn first_bad_from(s: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < s.len() {
        let b = s[i];
        if b == 0x1B {
            match s.get(i + 1) {
                // Cut at the end of a chunk: the next chunk says.
                None => return None,
                Some(b']') => {
                    // OSC: up to BEL or ESC \ (a bounded run of printable bytes).
                    let end = s[i + 2..]
                        .iter()
                        .take(4096)
                        .position(|&c| c == 0x07 || c == 0x1B || (c < 0x20 && c != b'\t'));
                    match end.map(|e| i + 2 + e) {
                        Some(e) if s[e] == 0x07 => i = e + 1,
                        Some(e) if s.get(e + 1) == Some(&b'\\') => i = e + 2,
                        // Cut at the end of a chunk: the next chunk says.
                        None if s.len() - (i + 2) < 4096 => return None,
                        _ => return Some(i),
                    }
                    continue;
                }
                Some(n) if (0x20..=0x7E).contains(n) => {
                    i += 2;
                    continue;
                }
                Some(_) => return Some(i),
            }
        }
        if is_bad_control(b) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Decide the encoding from the first bytes of an input. `complete` says the prefix is the
/// whole input (so a multi-byte sequence cut at its end is an error, not a chunk boundary).
pub fn sniff(prefix: &[u8], complete: bool) -> Result<TextEncoding, NotText> {
    if prefix.is_empty() {
        return Err(NotText::Empty);
    }
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(TextEncoding::Utf8Bom);
    }
    if prefix.starts_with(&[0xFF, 0xFE]) {
        return Ok(TextEncoding::Utf16Le);
    }
    if prefix.starts_with(&[0xFE, 0xFF]) {
        return Ok(TextEncoding::Utf16Be);
    }
    // UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte.
    let sample = &prefix[..prefix.len().min(4096)];
    if sample.len() >= 4 {
        let pairs = sample.len() / 2;
        let odd_zero = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
            return Ok(TextEncoding::Utf16Le);
        }
        if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
            return Ok(TextEncoding::Utf16Be);
        }
    }
    // Control bytes: binary, unless whole lines of text come first (garbage in the middle of a
    // text: the lines before it are still read, then the stream reports the offset).
    let mut prefix = prefix;
    let mut complete = complete;
    if let Some(pos) = first_bad_control(prefix) {
        match prefix[..pos].iter().rposition(|&b| b == b'\n') {
            Some(nl) if nl > 0 => {
                prefix = &prefix[..=nl];
                complete = true;
            }
            _ => return Err(NotText::Binary { offset: pos as u64 }),
        }
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => return Ok(TextEncoding::Utf8),
        Err(e) if e.error_len().is_none() && !complete => return Ok(TextEncoding::Utf8),
        Err(_) => {}
    }
    // Shift_JIS/CP932: decodes without errors (a cut at the very end of a chunk is allowed).
    let cut = if complete {
        prefix
    } else {
        &prefix[..prefix.len().saturating_sub(1)]
    };
    let (sjis, sjis_bad) = SHIFT_JIS.decode_without_bom_handling(cut);
    let (gbk, gbk_bad) = GBK.decode_without_bom_handling(cut);
    // GBK decodes most byte runs; Windows-1252 Latin text (`ü` before an ASCII letter) is no
    // Chinese: its double bytes must be GB2312's common characters.
    let (common, pairs) = gb2312_pairs(cut);
    let gbk_bad = gbk_bad || common < 2 || common * 10 < pairs * 9;
    Ok(match (sjis_bad, gbk_bad) {
        (false, true) => TextEncoding::ShiftJis,
        (true, false) => TextEncoding::Gbk,
        (true, true) => TextEncoding::Windows1252,
        // Both decode: the one that reads as its language. Never by the first bytes alone.
        (false, false) if cjk_score_gbk(&gbk, cut) > cjk_score_sjis(&sjis) => TextEncoding::Gbk,
        (false, false) => TextEncoding::ShiftJis,
    })
}

/// Words of Japanese consoles' licensing and system output (slmgr, DISM, systeminfo).
const JAPANESE_WORDS: &[&str] = &[
    "ライセンス",
    "ホスト",
    "エディション",
    "バージョン",
    "認証",
    "製品",
    "説明",
    "状態",
];

/// Words of Simplified Chinese consoles' licensing and system output.
const CHINESE_WORDS: &[&str] = &[
    "许可", "激活", "版本", "名称", "产品", "系统", "授权", "描述", "状态",
];

/// How much a Shift_JIS decoding reads as Japanese: its known words (weighed) and its kana
/// (every Japanese sentence has them; GBK's bytes never decode to them).
fn cjk_score_sjis(text: &str) -> usize {
    let words = JAPANESE_WORDS.iter().filter(|w| text.contains(*w)).count();
    let kana = text
        .chars()
        .filter(|c| ('\u{3041}'..='\u{30fa}').contains(c))
        .count();
    words * 100 + kana
}

/// How much a GBK decoding reads as Chinese: its known words (weighed) and its characters in
/// GB2312's common block, where Shift_JIS's kana never fall.
fn cjk_score_gbk(text: &str, bytes: &[u8]) -> usize {
    let words = CHINESE_WORDS.iter().filter(|w| text.contains(*w)).count();
    words * 100 + gb2312_pairs(bytes).0
}

/// The double bytes of a GBK reading (one pass): how many are GB2312 characters of its common
/// block (lead 0xA1-0xF7, trail 0xA1-0xFE: its symbols and characters), and how many there are in all.
fn gb2312_pairs(bytes: &[u8]) -> (usize, usize) {
    let (mut common, mut pairs) = (0usize, 0usize);
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        pairs += 1;
        if let Some(&t) = bytes.get(i + 1) {
            if (0xA1..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&t) {
                common += 1;
            }
        }
        i += 2;
    }
    (common, pairs)
}

/// Decodes chunks of one input into lines (without their terminators).
pub struct LineStream {
    enc: TextEncoding,
    decoder: Decoder,
    pending: String,
    buf: String,
    /// Bytes consumed so far (for offsets in messages).
    offset: u64,
    /// Lines longer than this are cut ([`MAX_LINE`] unless set by [`LineStream::with_max_line`]).
    max_line: usize,
    /// Lines that had to be cut at the maximum line length.
    pub long_lines: u64,
    /// Replacement characters produced by undecodable bytes.
    pub malformed: u64,
}

impl LineStream {
    pub fn new(enc: TextEncoding) -> LineStream {
        LineStream {
            enc,
            decoder: enc.encoding().new_decoder_with_bom_removal(),
            pending: String::new(),
            buf: String::new(),
            offset: 0,
            max_line: MAX_LINE,
            long_lines: 0,
            malformed: 0,
        }
    }

    pub fn encoding(&self) -> TextEncoding {
        self.enc
    }

    /// Cut lines at `max` bytes instead of [`MAX_LINE`]: for callers that hold the whole input in
    /// memory anyway (a size-capped file), where a long line (compact JSON) must stay whole.
    pub fn with_max_line(mut self, max: usize) -> LineStream {
        self.max_line = max.max(1);
        self
    }

    /// Decode the next chunk and call `line` for each complete line. `last` flushes the rest.
    /// Stops with [`NotText::Binary`] when NUL or control characters show up mid-stream
    /// (lines before it have been delivered).
    pub fn push(
        &mut self,
        bytes: &[u8],
        last: bool,
        line: &mut dyn FnMut(&str),
    ) -> Result<(), NotText> {
        let chunk_start = self.offset;
        self.buf.clear();
        let need = self
            .decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16);
        self.buf.reserve(need);
        let (_, read, had_errors) = self.decoder.decode_to_string(bytes, &mut self.buf, last);
        self.offset += read as u64;
        if had_errors {
            self.malformed += self.buf.matches('\u{FFFD}').count() as u64;
        }
        let bad = first_bad_control(self.buf.as_bytes());
        let buf = std::mem::take(&mut self.buf);
        let good = &buf[..bad.unwrap_or(buf.len())];
        self.split_lines(good, last && bad.is_none(), line);
        self.buf = buf;
        match bad {
            // The offset is exact for single-byte text and approximate otherwise.
            Some(pos) => Err(NotText::Binary {
                offset: chunk_start + pos as u64,
            }),
            None => Ok(()),
        }
    }

    fn split_lines(&mut self, text: &str, last: bool, line: &mut dyn FnMut(&str)) {
        let mut rest = text;
        while let Some(nl) = rest.find('\n') {
            let piece = &rest[..nl];
            if self.pending.is_empty() {
                line(piece.strip_suffix('\r').unwrap_or(piece));
            } else {
                self.pending.push_str(piece);
                let p = std::mem::take(&mut self.pending);
                line(p.strip_suffix('\r').unwrap_or(&p));
            }
            rest = &rest[nl + 1..];
        }
        self.pending.push_str(rest);
        while self.pending.len() > self.max_line {
            let mut cut = self.max_line;
            while !self.pending.is_char_boundary(cut) {
                cut -= 1;
            }
            let head: String = self.pending[..cut].to_string();
            self.pending.drain(..cut);
            self.long_lines += 1;
            line(&head);
        }
        if last && !self.pending.is_empty() {
            let p = std::mem::take(&mut self.pending);
            line(p.strip_suffix('\r').unwrap_or(&p));
        }
    }
}

/// Decode a whole in-memory input into lines (tests, small inputs); no line is cut.
pub fn decode_lines(bytes: &[u8]) -> Result<(TextEncoding, Vec<String>), NotText> {
    let enc = sniff(
        &bytes[..bytes.len().min(SNIFF_LEN)],
        bytes.len() <= SNIFF_LEN,
    )?;
    // The input is in memory already: cutting its lines would save nothing and break documents.
    let mut s = LineStream::new(enc).with_max_line(usize::MAX);
    let mut out = Vec::new();
    s.push(bytes, true, &mut |l| out.push(l.to_string()))?;
    Ok((enc, out))
}

/// Decode a whole in-memory input into one string, lines joined with `\n` (so line numbers stay
/// those of the file): JSON and TOML inputs written by PowerShell (UTF-16) or Notepad (CP932).
pub fn decode_text(bytes: &[u8]) -> Result<(TextEncoding, String), NotText> {
    decode_lines(bytes).map(|(e, lines)| (e, lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn whole_texts_keep_their_lines() {
        let json = "{\r\n  \"schema\": \"avma.inventory/1\"\r\n}\r\n";
        let (e, t) = decode_text(&utf16le(json, true)).unwrap();
        assert_eq!(
            (e, t.as_str()),
            (
                TextEncoding::Utf16Le,
                "{\n  \"schema\": \"avma.inventory/1\"\n}"
            )
        );
        let (sjis, _, _) = SHIFT_JIS.encode("# 検証\nname = \"HV-NODE1\"\n");
        let (e, t) = decode_text(&sjis).unwrap();
        assert_eq!(
            (e, t.as_str()),
            (TextEncoding::ShiftJis, "# 検証\nname = \"HV-NODE1\"")
        );
        assert_eq!(decode_text(b""), Err(NotText::Empty));
        assert!(matches!(
            decode_text(b"\0\x01\x02"),
            Err(NotText::Binary { offset: 0 })
        ));
    }

    #[test]
    fn detects_each_encoding() {
        let text = "ライセンス認証\r\nslmgr /ipk H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW\r\n";
        let (e, l) = decode_lines(text.as_bytes()).unwrap();
        assert_eq!((e, l.len()), (TextEncoding::Utf8, 2));
        assert_eq!(l[1], "slmgr /ipk H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW");

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let (e, l) = decode_lines(&bom).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (TextEncoding::Utf8Bom, "ライセンス認証")
        );

        let (e, l) = decode_lines(&utf16le(text, true)).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (TextEncoding::Utf16Le, "ライセンス認証")
        );

        let (e, l) = decode_lines(&utf16le("Name: Windows\r\n", false)).unwrap();
        assert_eq!((e, l[0].as_str()), (TextEncoding::Utf16Le, "Name: Windows"));

        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let (e, l) = decode_lines(&be).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (TextEncoding::Utf16Be, "ライセンス認証")
        );

        let (sjis, _, _) = SHIFT_JIS.encode(text);
        let (e, l) = decode_lines(&sjis).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (TextEncoding::ShiftJis, "ライセンス認証")
        );

        // GBK (a zh-CN console): its words, not Windows-1252's mojibake nor Shift_JIS.
        let zh = "许可证状态: 已授权\r\n部分产品密钥: 3V66T\r\n";
        let (gbk, _, _) = GBK.encode(zh);
        let (e, l) = decode_lines(&gbk).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (TextEncoding::Gbk, "许可证状态: 已授权")
        );
        // Short Japanese text that also decodes as GBK stays Shift_JIS (its kana).
        let ja = "状態: ライセンスされています\r\n";
        let (sjis, _, _) = SHIFT_JIS.encode(ja);
        let (e, _) = decode_lines(&sjis).unwrap();
        assert_eq!(e, TextEncoding::ShiftJis);
        // Windows-1252 German stays Windows-1252 (GBK would decode `ü` + a letter).
        let (de, _, _) = WINDOWS_1252.encode("Lizenzstatus: Lizenziert, Größe für Prüfung\r\n");
        let (e, l) = decode_lines(&de).unwrap();
        assert_eq!(
            (e, l[0].as_str()),
            (
                TextEncoding::Windows1252,
                "Lizenzstatus: Lizenziert, Größe für Prüfung"
            )
        );
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert_eq!(decode_lines(b""), Err(NotText::Empty));
        assert!(matches!(
            decode_lines(b"MZ\x90\x00\x03\x00\x00\x00"),
            Err(NotText::Binary { .. })
        ));
        // Text first, then garbage: sniffed as text; the stream stops at the garbage.
        assert_eq!(sniff(b"line\nmore\n\x00\x01", true), Ok(TextEncoding::Utf8));
        // Garbage in the middle: the lines before it are delivered, then the error.
        let mut s = LineStream::new(TextEncoding::Utf8);
        let mut got = Vec::new();
        let r = s.push(b"line one\nline two\n\x00\x01\x02binary", true, &mut |l| {
            got.push(l.to_string())
        });
        assert!(r.is_err());
        assert_eq!(got, ["line one", "line two"]);
    }

    #[test]
    fn terminal_escape_sequences_are_text_not_binary() {
        let coloured = b"\x1b]0;Administrator: PowerShell\x07PS C:\\> slmgr /dli\n\x1b[32;1mName:\x1b[0m Windows(R), ServerStandard edition\n\x1b[?25hLicense Status: Licensed\n";
        assert_eq!(sniff(coloured, true), Ok(TextEncoding::Utf8));
        let (_, lines) = decode_lines(coloured).unwrap();
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with("License Status: Licensed"));
        // An ESC that starts no sequence is still binary.
        assert!(matches!(
            decode_lines(b"\x1b\x00\x01text"),
            Err(NotText::Binary { offset: 0 })
        ));
        let mut s = LineStream::new(TextEncoding::Utf8);
        let mut got = Vec::new();
        let r = s.push(b"one\n\x1b[1mtwo\x1b[0m\n\x00three", true, &mut |l| {
            got.push(l.to_string())
        });
        assert!(r.is_err());
        assert_eq!(got, ["one", "\x1b[1mtwo\x1b[0m"]);
    }

    #[test]
    fn chunk_boundaries_do_not_change_lines() {
        let text = "一行目\r\n二行目 WX4NM-KYWYW-QJJR4-XV3QB-6VM33\r\nlast";
        let (sjis, _, _) = SHIFT_JIS.encode(text);
        for split in 1..sjis.len() {
            let mut s = LineStream::new(TextEncoding::ShiftJis);
            let mut got = Vec::new();
            s.push(&sjis[..split], false, &mut |l| got.push(l.to_string()))
                .unwrap();
            s.push(&sjis[split..], true, &mut |l| got.push(l.to_string()))
                .unwrap();
            assert_eq!(
                got,
                ["一行目", "二行目 WX4NM-KYWYW-QJJR4-XV3QB-6VM33", "last"]
            );
        }
    }

    #[test]
    fn long_lines_are_cut_not_hoarded() {
        let mut s = LineStream::new(TextEncoding::Utf8);
        let chunk = vec![b'a'; 256 * 1024];
        let mut n = 0;
        for _ in 0..12 {
            s.push(&chunk, false, &mut |_| n += 1).unwrap();
        }
        assert!(n >= 2);
        assert!(s.pending.len() <= MAX_LINE);
    }

    proptest! {
        #[test]
        fn any_utf8_text_round_trips_through_every_chunking(
            lines in proptest::collection::vec("[a-zA-Z0-9 ぁ-んァ-ン一-龥:/-]{0,40}", 1..8),
            split in 0usize..400,
        ) {
            let text = lines.join("\n");
            let bytes = utf16le(&text, true);
            let split = split.min(bytes.len());
            let mut s = LineStream::new(TextEncoding::Utf16Le);
            let mut got = Vec::new();
            s.push(&bytes[..split], false, &mut |l| got.push(l.to_string())).unwrap();
            s.push(&bytes[split..], true, &mut |l| got.push(l.to_string())).unwrap();
            let expect: Vec<String> = text.lines().map(str::to_string).collect();
            prop_assert_eq!(got, expect);
        }

        #[test]
        fn sniff_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512), complete in any::<bool>()) {
            let _ = sniff(&bytes, complete);
            if let Ok(e) = sniff(&bytes, complete) {
                let mut s = LineStream::new(e);
                let _ = s.push(&bytes, true, &mut |_| {});
            }
        }
    }
}
